// Hyper-parameters: the defaults and the check the worker runs before anything is loaded. Pure (no
// tfjs), so the store and the link code can use them too.
import { OPTIMIZER_NAMES, type BoxLoss, type HyperParams, type PixelLoss } from './protocol';
import { scheduleProblems } from './schedules';
import { isLabelShare, LABEL_SHARES } from '../../data/labelShare';

export const DEFAULT_HYPER_PARAMS: HyperParams = {
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0.9,
  schedule: { kind: 'constant' },
  weightDecay: 0,
  augmentation: { flip: false, shift: 0 },
  batchSize: 64,
  epochs: 3,
  seed: 1,
  pixelLoss: { dice: 0, balance: false },
  boxLoss: { coord: 5, noObject: 0.5 },
  labelShare: 1,
};

export const DEFAULT_PIXEL_LOSS: PixelLoss = { dice: 0, balance: false };

/** YOLO v1's weights: the box error counts 5 times, an empty cell's objectness half. */
export const DEFAULT_BOX_LOSS: BoxLoss = { coord: 5, noObject: 0.5 };

/** The largest detection loss weight a run takes (the objectness and class terms weigh 1). */
export const MAX_BOX_WEIGHT = 20;

/** The largest Dice weight a run takes (the cross-entropy's weight is 1). */
export const MAX_DICE = 10;

/** The most pixels an image may be shifted by; more leaves little of a 28x28 digit. */
export const MAX_SHIFT = 8;

const isPositiveInt = (n: number) => Number.isInteger(n) && n >= 1;

/** Every problem with a set of hyper-parameters, in words; empty when they can be trained with. */
export function hyperParamProblems(hyper: HyperParams): string[] {
  const problems: string[] = [];
  const { batchSize, epochs, learningRate, optimizer, momentum, weightDecay, augmentation, seed } = hyper;
  if (!isPositiveInt(batchSize)) problems.push(`batch size must be a positive integer (got ${batchSize})`);
  if (!isPositiveInt(epochs)) problems.push(`epochs must be a positive integer (got ${epochs})`);
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    problems.push(`learning rate must be a positive number (got ${learningRate})`);
  }
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(optimizer)) problems.push(`unknown optimizer '${String(optimizer)}'`);
  if (!(momentum >= 0 && momentum < 1)) problems.push(`momentum must be in [0, 1) (got ${momentum})`);
  if (!(weightDecay >= 0) || !Number.isFinite(weightDecay)) problems.push(`weight decay must be 0 or more (got ${weightDecay})`);
  if (!Number.isInteger(seed)) problems.push(`the seed must be an integer (got ${seed})`);
  if (typeof hyper.schedule !== 'object' || hyper.schedule === null) problems.push('the learning-rate schedule is missing');
  else problems.push(...scheduleProblems(hyper.schedule));
  const { pixelLoss } = hyper;
  if (pixelLoss !== undefined && (typeof pixelLoss !== 'object' || pixelLoss === null)) problems.push('the per-pixel loss settings are missing');
  else if (pixelLoss && !(pixelLoss.dice >= 0 && pixelLoss.dice <= MAX_DICE)) problems.push(`the Dice weight must be from 0 to ${MAX_DICE} (got ${pixelLoss.dice})`);
  problems.push(...boxLossProblems(hyper.boxLoss));
  if (hyper.labelShare !== undefined && !isLabelShare(hyper.labelShare)) {
    problems.push(`the share of labels must be one of ${LABEL_SHARES.join(', ')} (got ${String(hyper.labelShare)})`);
  }
  if (typeof augmentation !== 'object' || augmentation === null) problems.push('the augmentation settings are missing');
  else if (!Number.isInteger(augmentation.shift) || augmentation.shift < 0 || augmentation.shift > MAX_SHIFT) {
    problems.push(`the shift must be a whole number of pixels from 0 to ${MAX_SHIFT} (got ${augmentation.shift})`);
  }
  return problems;
}

/** What is wrong with the detection loss weights, in words (each from 0 to MAX_BOX_WEIGHT). */
function boxLossProblems(boxLoss: BoxLoss | undefined): string[] {
  if (boxLoss === undefined) return [];
  if (typeof boxLoss !== 'object' || boxLoss === null) return ['the detection loss weights are missing'];
  const inRange = (v: number) => v >= 0 && v <= MAX_BOX_WEIGHT;
  return [
    ...(inRange(boxLoss.coord) ? [] : [`the box loss weight (lambda_coord) must be from 0 to ${MAX_BOX_WEIGHT} (got ${boxLoss.coord})`]),
    ...(inRange(boxLoss.noObject) ? [] : [`the empty-cell weight (lambda_noobj) must be from 0 to ${MAX_BOX_WEIGHT} (got ${boxLoss.noObject})`]),
  ];
}
