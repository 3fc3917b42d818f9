// cs231n lecture 6's figure, computed live: a deep stack of fully connected layers fed unit Gaussian data,
// weights drawn at a chosen scale, and each layer's activations measured. Small weights shrink the signal
// layer by layer to zero, large ones (std 1) pin tanh at ±1; Xavier (1/sqrt(fan_in)) keeps tanh alive; ReLU needs He (sqrt(2/fan_in)).
// Pure and seeded, so the view and the tests see the same numbers.
import type { InitLabResults } from './types';

export type InitScale = InitLabResults['scale'];
export type InitActivation = InitLabResults['activation'];

export interface InitStatsOptions {
  readonly layers: number;
  readonly units: number;
  readonly samples: number;
  readonly seed: number;
}

export const INIT_STATS_DEFAULTS: InitStatsOptions = { layers: 8, units: 100, samples: 120, seed: 1 };

/** The weights' standard deviation for a fan-in. */
export function weightStd(scale: InitScale, fanIn: number): number {
  if (scale === 'small') return 0.01;
  if (scale === 'large') return 1;
  return scale === 'xavier' ? 1 / Math.sqrt(fanIn) : Math.sqrt(2 / fanIn);
}

function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface LayerActivations {
  /** samples x units, row-major. */
  readonly values: Float32Array;
  readonly mean: number;
  readonly std: number;
}

/** Every layer's activations for unit Gaussian inputs. */
export function initActivations(scale: InitScale, fn: InitActivation, opts: InitStatsOptions = INIT_STATS_DEFAULTS): LayerActivations[] {
  const { layers, units, samples } = opts;
  const rand = gaussian(opts.seed);
  let x = Float32Array.from({ length: samples * units }, rand);
  const out: LayerActivations[] = [];
  for (let l = 0; l < layers; l++) {
    const std = weightStd(scale, units);
    const w = Float32Array.from({ length: units * units }, () => rand() * std);
    const y = new Float32Array(samples * units);
    for (let n = 0; n < samples; n++) {
      for (let j = 0; j < units; j++) {
        let sum = 0;
        for (let i = 0; i < units; i++) sum += (x[n * units + i] as number) * (w[i * units + j] as number);
        y[n * units + j] = fn === 'tanh' ? Math.tanh(sum) : Math.max(0, sum);
      }
    }
    let mean = 0;
    for (const v of y) mean += v;
    mean /= y.length;
    let variance = 0;
    for (const v of y) variance += (v - mean) * (v - mean);
    out.push({ values: y, mean, std: Math.sqrt(variance / y.length) });
    x = y;
  }
  return out;
}

/** Counts of values in `bins` equal bins over [lo, hi] (values outside go to the end bins). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const t = ((values[i] as number) - lo) / (hi - lo);
    counts[Math.min(bins - 1, Math.max(0, Math.floor(t * bins)))]! += 1;
  }
  return counts;
}
