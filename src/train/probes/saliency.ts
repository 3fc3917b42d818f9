// Saliency (Simonyan et al. 2013: |d class score / d pixel|, max over channels) and Grad-CAM (Selvaraju et
// al. 2017: the last conv block's maps weighted by the mean gradient of the class score, rectified,
// upsampled to the input) for one example. Class scores are the logits before the softmax.
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from '../builtModel';
import { blockValue, camBlock, classLogits, runLayers } from './graph';

export interface PendingSaliency {
  readonly saliency: tf.Tensor; // [h, w]
  readonly gradCam: tf.Tensor | null; // [h, w]
  /** The id of the block Grad-CAM explains. */
  readonly camLayer: string | null;
}

/** Call inside a tidy; `input` is [1, h, w, c], `classMask` a one-hot [1, classes] of the class explained. */
export function saliencyTensors(network: BuiltModel, input: tf.Tensor4D, classMask: tf.Tensor): PendingSaliency {
  const { model } = network;
  // A mask rather than an index, so the predicted class can be chosen without reading it back first.
  const score = (values: Map<string, tf.Tensor>) => tf.sum(tf.mul(classLogits(network, values), classMask)) as tf.Scalar;
  const pixelGrad = tf.grad((x: tf.Tensor) => score(runLayers(model, x)))(input);
  const [, h = 1, w = 1] = input.shape;
  const saliency = tf.max(tf.abs(pixelGrad), -1).reshape([h, w]);

  const cam = camBlock(network);
  if (cam === null) return { saliency, gradCam: null, camLayer: null };
  const maps = blockValue(cam, runLayers(model, input)) as tf.Tensor4D;
  const mapGrad = tf.grad((a: tf.Tensor) => score(runLayers(model, input, new Map([[cam.output.name, a]]))))(maps);
  const weights = tf.mean(mapGrad, [0, 1, 2]); // one weight per channel
  const weighted = tf.relu(tf.sum(tf.mul(maps, weights), -1, true)) as tf.Tensor4D; // [1, h', w', 1]
  const gradCam = tf.image.resizeBilinear(weighted, [h, w]).reshape([h, w]);
  return { saliency, gradCam, camLayer: cam.id };
}
