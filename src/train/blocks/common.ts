// tfjs helpers the block kinds share: sizes, padding, fused and separate activations, seeded initialisers.
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_ALPHA } from '../../blocks/common/options';
import type { ActivationFn, InitName, Padding, Size2 } from '../../model/spec';
import { EluAlpha } from '../eluLayer';
import type { BuildContext, Symbolic } from './types';

export const size2 = (s: Size2): number | [number, number] => (typeof s === 'number' ? s : [s[0], s[1]]);
export const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);

export function activationLayer(name: string, fn: ActivationFn, alpha?: number): tf.layers.Layer {
  if (fn === 'leakyRelu') return tf.layers.leakyReLU({ name, alpha: alpha ?? DEFAULT_ALPHA.leakyRelu });
  if (fn === 'elu') {
    const a = alpha ?? DEFAULT_ALPHA.elu;
    return a === 1 ? tf.layers.elu({ name }) : new EluAlpha({ name, alpha: a });
  }
  return tf.layers.activation({ name, activation: fn });
}

/** tfjs fuses every activation but leaky ReLU into conv / dense; that one becomes a layer of its own. */
export function fusedActivation(fn: ActivationFn | undefined): 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear' {
  return fn === undefined || fn === 'leakyRelu' ? 'linear' : fn;
}

export const activationLayerName = (id: string): string => `${id}/act`;
export const softmaxLayerName = (id: string): string => `${id}/softmax`;
export const paddingLayerName = (id: string): string => `${id}/pad`;

export function withLeakyRelu(id: string, fn: ActivationFn | undefined, x: Symbolic, ctx: BuildContext): Symbolic {
  return fn === 'leakyRelu' ? ctx.apply(activationLayer(activationLayerName(id), fn), x) : x;
}

/** Seeded, so a run seed reproduces the initial weights; 'largeNormal' is the deliberately bad std 1. */
export function initializer(init: InitName | undefined, seed: number): ReturnType<typeof tf.initializers.zeros> {
  switch (init ?? 'glorotUniform') {
    case 'glorotUniform': return tf.initializers.glorotUniform({ seed });
    case 'glorotNormal': return tf.initializers.glorotNormal({ seed });
    case 'heNormal': return tf.initializers.heNormal({ seed });
    case 'heUniform': return tf.initializers.heUniform({ seed });
    case 'lecunNormal': return tf.initializers.leCunNormal({ seed });
    case 'zeros': return tf.initializers.zeros();
    case 'largeNormal': return tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });
  }
}

/** tfjs knows only 'valid' and 'same'; an explicit P becomes a zeroPadding2d layer, then 'valid'. */
export function tfPadding(padding: Padding): 'valid' | 'same' {
  return padding === 'same' ? 'same' : 'valid';
}

export function padExplicitly(id: string, padding: Padding, x: Symbolic, ctx: BuildContext): Symbolic {
  if (typeof padding !== 'number' || padding === 0) return x;
  // Block ids never contain '/' (the core checks), so this name cannot clash with another block's layer.
  return ctx.apply(tf.layers.zeroPadding2d({ name: paddingLayerName(id), padding }), x);
}

/** The block's first (for most kinds its only) input. */
export const first = (xs: readonly Symbolic[]): Symbolic => xs[0] as Symbolic;
