// Every task, by id. A network's task is classification unless its dataset says otherwise (DatasetMeta.task:
// Shapes is a segmentation dataset); code that needs the meaning of the output asks here, not a kind or a flag.
import { classificationTask } from './classification';
import { segmentationTask } from './segmentation';
import { detectionTask } from './detection';
import type { TaskModule } from './types';

export const TASKS: readonly TaskModule[] = [classificationTask, segmentationTask, detectionTask];

export const DEFAULT_TASK: TaskModule = classificationTask;

/** The task with this id, or the default one for an id nobody registered. */
export function taskOf(id: string | undefined): TaskModule {
  return TASKS.find((t) => t.id === id) ?? DEFAULT_TASK;
}
