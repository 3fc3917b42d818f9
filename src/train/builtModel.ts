// What buildModel hands back: the tfjs model, and for every block of the spec the layers it became and
// the weights it owns. Everything that shows or saves a block (probes, Grad-CAM, filters, exports) looks
// the block up here by its id; nothing guesses a block from layer names or tfjs class names.
import type * as tf from '@tensorflow/tfjs';
import type { BlockSpec } from '../model/spec';
import type { DropoutClock } from './dropoutLayer';

/** One block of the spec as tfjs layers. */
export interface BlockLayers {
  readonly id: string;
  readonly spec: BlockSpec;
  /** Every layer the block made, in order: explicit padding, the main layer, a separate activation. */
  readonly layers: readonly tf.layers.Layer[];
  /** The layer whose output is the block's output, after any fused activation. */
  readonly output: tf.layers.Layer;
  /** The conv or dense kernel ([kh, kw, in, out] or [in, out]) for conv2d, dense and softmax blocks. */
  readonly kernel: tf.LayerVariable | null;
  /** Every weight the block owns (kernel, bias, batch-norm scale, offset and moving statistics). */
  readonly weights: readonly tf.LayerVariable[];
  /** The trainable part of `weights`, as the variables the optimizer updates. */
  readonly trainable: readonly tf.Variable[];
}

export interface BuiltModel {
  /** Input to class probabilities: the network as the user drew it (display and prediction). */
  readonly model: tf.LayersModel;
  /**
   * The same layers up to the class scores before the softmax, for the training loss (a stable
   * log-softmax cross-entropy) and for saliency and Grad-CAM. It owns no weights: never dispose it.
   */
  readonly logits: tf.LayersModel;
  /** Every block but the input, in the core's topological order. */
  readonly blocks: ReadonlyMap<string, BlockLayers>;
  /** The input block's id and layer. */
  readonly inputId: string;
  readonly inputLayer: tf.layers.Layer;
  /** The softmax block: its dense layer gives the logits, its output layer the probabilities. */
  readonly outputId: string;
  readonly logitsLayer: tf.layers.Layer;
  /** Set before each training step: dropout masks are a function of (seed, epoch, step, block). */
  readonly dropoutClock: DropoutClock;
  /** Releases the weights (disposes `model`; `logits` shares its layers). */
  dispose(): void;
}

/** The block's output layer, or throws: a block id that is not in the model is a programming error. */
export function blockOf(built: BuiltModel, id: string): BlockLayers {
  const block = built.blocks.get(id);
  if (!block) throw new Error(`no block ${id} in the built model`);
  return block;
}

// Code that is handed only a tf.LayersModel (the understanding views' jobs) finds its block map here, by the
// model's identity: a model buildModel did not make has none.
const builtByModel = new WeakMap<tf.LayersModel, BuiltModel>();

/** Records `built` as the block map of `built.model`; returns it. */
export function registerBuilt(built: BuiltModel): BuiltModel {
  builtByModel.set(built.model, built);
  return built;
}

/** The block map buildModel made along with `model`, or null for a model it did not build. */
export function builtOf(model: tf.LayersModel): BuiltModel | null {
  return builtByModel.get(model) ?? null;
}
