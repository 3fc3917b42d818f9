// The spec's per-block training modes (model/blockTraining.ts) in tfjs. A frozen block's layers are marked
// not trainable, so its weights are not among the variables the optimizer is given at all. A block with a
// learning-rate multiplier m has its *step* scaled: the optimizer updates every variable as usual, then the
// scaled ones are moved back to old + m * (new - old). Every optimizer here (SGD, momentum, Nesterov, Adam,
// RMSProp, Adadelta, Adagrad) makes a step linear in its learning rate and keeps state (moments, averages)
// that does not depend on it, so this is exactly a parameter group with rate lr * m, as PyTorch's; scaling
// the gradient instead would be undone by Adam's and RMSProp's normalisation (blockTraining.test.ts).
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from './builtModel';
import { lrMultiplierOf } from '../model/blockTraining';
import type { ModelSpec } from '../model/spec';

/** Variables whose step is scaled, with their multiplier (never 0 or 1: frozen ones are not trained, 1 is plain). */
export interface ScaledVariables {
  readonly multiplier: number;
  readonly variables: readonly tf.Variable[];
}

/** Marks a frozen block's layers as not trainable (before their trainable weights are read). */
export function freezeIfFrozen(spec: ModelSpec, blockId: string, layers: readonly tf.layers.Layer[]): void {
  if (lrMultiplierOf(spec, blockId) !== 0) return;
  for (const layer of layers) layer.trainable = false;
}

/** The built model's blocks with a multiplier other than 0 and 1, grouped by multiplier. */
export function scaledVariables(spec: ModelSpec, built: BuiltModel): ScaledVariables[] {
  const groups = new Map<number, tf.Variable[]>();
  for (const block of built.blocks.values()) {
    const m = lrMultiplierOf(spec, block.id);
    if (m === 0 || m === 1 || block.trainable.length === 0) continue;
    groups.set(m, [...(groups.get(m) ?? []), ...block.trainable]);
  }
  return [...groups].map(([multiplier, variables]) => ({ multiplier, variables }));
}

/** optimizer.applyGradients, with the step of each scaled group multiplied by its factor. Call inside a tidy. */
export function applyScaledGradients(optimizer: tf.Optimizer, variables: readonly tf.Variable[], grads: tf.NamedTensorMap,
  scaled: readonly ScaledVariables[] = []): void {
  const before = scaled.map((g) => g.variables.map((v) => v.clone()));
  optimizer.applyGradients(variables.map((v) => ({ name: v.name, tensor: grads[v.name] as tf.Tensor })));
  scaled.forEach((group, i) => group.variables.forEach((v, j) => {
    const old = before[i]?.[j] as tf.Tensor;
    v.assign(tf.add(old, tf.mul(tf.sub(v, old), group.multiplier)));
  }));
}
