// Why the training script and the notebook cannot train a network on its dataset, when they cannot: the task's
// own reason (a class per pixel, boxes), or a pretext task they do not make. Both read the dataset's own labels:
// on a rotation pretext dataset they would train on the digits' or objects' classes, not the turns; on a class
// subset, on all ten CIFAR-10 classes.
import { DATASETS, datasetTask } from '../data/registry';
import { taskOf } from '../tasks/registry';

export type TrainingExport = 'pytorchTrain' | 'notebook';

const ROTATION_REFUSAL = 'the training script and notebook train on the dataset\'s own labels; this run learns to '
  + 'predict each image\'s rotation (a self-supervised pretext task the app makes from the images). Export the model '
  + '(model.py, weights, ONNX, TF.js) and train it with your own loop that turns the images and uses the turn as the label.';

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
  return entry?.pretext === 'rotation' ? ROTATION_REFUSAL : entry?.subsetOf ? SUBSET_REFUSAL : undefined;
}
