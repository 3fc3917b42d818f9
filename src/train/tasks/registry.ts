// The tfjs side of every task, by the same id as src/tasks/registry.ts.
import { DEFAULT_TASK } from '../../tasks/registry';
import { classificationWorker } from './classification';
import { segmentationWorker, segmentationWorkerWith, type SegmentationLossOptions } from './segmentation';
import { balancedClassWeights } from '../../tasks/segmentation';
import type { LoadedDataset } from '../../data/types';
import type { BoxLoss, PixelLoss } from '../api/protocol';
import { detectionWorker, detectionWorkerWith } from './detection';
import { DEFAULT_DETECTION } from '../../tasks/detection';
import type { WorkerTask } from './types';

const WORKER_TASKS: readonly WorkerTask[] = [classificationWorker, segmentationWorker, detectionWorker];

/** The task's tfjs side; the default task's for an id without one. */
export function workerTaskOf(id: string | undefined): WorkerTask {
  const wanted = id ?? DEFAULT_TASK.id;
  const found = WORKER_TASKS.find((t) => t.id === wanted);
  if (found === undefined) throw new Error(`no worker side for task ${wanted}`);
  return found;
}

/** A run's loss options: segmentation's Dice and class weights, or the detector's two YOLO weights. */
export interface TaskLossOptions extends SegmentationLossOptions {
  readonly boxLoss?: BoxLoss;
}

/**
 * The loss options a run's settings give on its data (class weights from the training masks): the same
 * numbers go to the data-parallel helpers, which do not hold the masks' counts. Undefined: the task's default.
 */
export function taskLossOptions(data: LoadedDataset, loss: PixelLoss | undefined, boxLoss?: BoxLoss): TaskLossOptions | undefined {
  if (data.meta.task === 'detection') {
    const isDefault = !boxLoss || (boxLoss.coord === DEFAULT_DETECTION.box && boxLoss.noObject === DEFAULT_DETECTION.noObject);
    return isDefault ? undefined : { boxLoss: { coord: boxLoss.coord, noObject: boxLoss.noObject } };
  }
  if (data.meta.task !== 'segmentation' || !loss || (loss.dice === 0 && !loss.balance)) return undefined;
  const masks = data.train.masks;
  return {
    ...(loss.dice > 0 ? { dice: loss.dice } : {}),
    ...(loss.balance && masks ? { classWeights: balancedClassWeights(masks, data.meta.classNames.length) } : {}),
  };
}

/** The task's tfjs side with these loss options (segmentation's Dice and class weights; the detector's weights). */
export function workerTaskWith(id: string | undefined, options: TaskLossOptions | undefined): WorkerTask {
  if (id === 'detection' && options?.boxLoss) {
    return detectionWorkerWith({ ...DEFAULT_DETECTION, box: options.boxLoss.coord, noObject: options.boxLoss.noObject });
  }
  return id === 'segmentation' && options ? segmentationWorkerWith(options) : workerTaskOf(id);
}
