// Why the training script and the notebook cannot train a network on its dataset, when they cannot: the task's
// own reason (a class per pixel, boxes), a pretext task they do not make, or a subset they do not cut. Both read
// the dataset's own labels, all of them: on a rotation pretext dataset they would train on the digits' or
// objects' classes, not the turns; on small MNIST on sixty times the images the run saw; on a class subset, on
// all ten CIFAR-10 classes; on a share of the labels, on every labelled image.
import { DATASETS, datasetTask } from '../data/registry';
import { taskOf } from '../tasks/registry';

export type TrainingExport = 'pytorchTrain' | 'notebook';

const ROTATION_REFUSAL = 'the training script and notebook train on the dataset\'s own labels; this run learns to '
  + 'predict each image\'s rotation (a self-supervised pretext task the app makes from the images). Export the model '
  + '(model.py, weights, ONNX, TF.js) and train it with your own loop that turns the images and uses the turn as the label.';

const subsetRefusal = (count: number) => `the training script and notebook train on the whole dataset; this run trained on `
  + `only its first ${count} training images (a small set, to show overfitting). Export the model (model.py, weights, ONNX, `
  + `TF.js) and train it with your own loop on MNIST's first ${count} training images.`;

const SUBSET_REFUSAL = 'the training script and notebook train on every class of the dataset\'s files; this run '
  + 'uses only some of them, relabelled (a class subset the app makes from the files). Export the model (model.py, weights, '
  + 'ONNX, TF.js) and train it with your own loop that keeps those classes.';

const SHARE_REFUSAL = 'the training script and notebook train on every labelled image; this run used only a share of '
  + 'the labels (the same share of every class, chosen by the app from the seed). Export the model (model.py, weights, '
  + 'ONNX, TF.js) and train it with your own loop on the share you want.';

/** `labelShare`: the run's share of the training labels (hyper.labelShare); all when absent. */
export function trainingRefusal(datasetId: string, format: TrainingExport, labelShare = 1): string | undefined {
  const byTask = taskOf(datasetTask(datasetId)).exportRefusal?.[format];
  if (byTask !== undefined) return byTask;
  if (labelShare < 1) return SHARE_REFUSAL;
  const entry = DATASETS.find((d) => d.id === datasetId);
  if (entry?.trainLimit !== undefined) return subsetRefusal(entry.trainLimit);
  return entry?.pretext === 'rotation' ? ROTATION_REFUSAL : entry?.subsetOf ? SUBSET_REFUSAL : undefined;
}
