// The tfjs side of every task, by the same id as src/tasks/registry.ts.
import { DEFAULT_TASK } from '../../tasks/registry';
import { classificationWorker } from './classification';
import { segmentationWorker } from './segmentation';
import { detectionWorker } from './detection';
import type { WorkerTask } from './types';

const WORKER_TASKS: readonly WorkerTask[] = [classificationWorker, segmentationWorker, detectionWorker];

/** The task's tfjs side; the default task's for an id without one. */
export function workerTaskOf(id: string | undefined): WorkerTask {
  const wanted = id ?? DEFAULT_TASK.id;
  const found = WORKER_TASKS.find((t) => t.id === wanted);
  if (found === undefined) throw new Error(`no worker side for task ${wanted}`);
  return found;
}
