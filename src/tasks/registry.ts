// Every task, by id. A network's task is classification until a segmentation or detection task is
// registered and chosen; code that needs the meaning of the output asks here, not a kind or a flag.
import { classificationTask } from './classification';
import type { TaskModule } from './types';

export const TASKS: readonly TaskModule[] = [classificationTask];

export const DEFAULT_TASK: TaskModule = classificationTask;

/** The task with this id, or the default one for an id nobody registered. */
export function taskOf(id: string | undefined): TaskModule {
  return TASKS.find((t) => t.id === id) ?? DEFAULT_TASK;
}
