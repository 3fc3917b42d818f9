// The worker side of the probes: keeps the views' wishes (probe-config), decides at each step boundary
// whether a snapshot is due and affordable, computes it for the chosen input and posts it with its typed
// arrays transferred. Activations and filters ("fast") and gradients and saliency ("slow") keep separate
// cadences, each held to a share of the wall time by its measured cost. Gradient norms come from the
// training step itself (gradientGroups / trainStep), so a gradient probe costs a weight copy and a few
// sums; saliency and Grad-CAM take one backward pass for the one chosen image.
import * as tf from '@tensorflow/tfjs';
import type { LoadedDataset } from '../../data/types';
import type { FromWorker } from '../api/protocol';
import type { BuiltModel } from '../builtModel';
import { workerBlockOf } from '../blocks/registry';
import { attentionTensors, finishAttention } from './attention';
import { blockValue, classProbabilities, runLayers } from './graph';
import { gradientNorms, snapshotWeights, updateRatios, weightedLayers, type WeightedLayer } from './gradients';
import { saliencyTensors } from './saliency';
import { createCadence, isDue, recordProbe, withRate, type Cadence } from './schedule';
import { DEFAULT_LIMITS, kernelTensor, mapTensor, readAll, templateTensor, type ProbeLimits } from './tensors';
import { PROBES_OFF, type ProbeConfig, type ProbeImage, type ProbeSnapshot } from '../api/probeTypes';

export interface ProbeSource {
  readonly runId: number;
  /** The run's model with its block map: every map, filter and gradient is found by block id there. */
  readonly network: BuiltModel;
  readonly data: LoadedDataset;
  readonly step: number;
  /** The batch just trained on: HWC floats and one-hot labels of its first n examples. */
  readonly batch: { readonly x: Float32Array; readonly y: Float32Array | Int32Array; readonly n: number };
  readonly post: (msg: FromWorker, transfer?: Transferable[]) => void;
  readonly now: () => number;
  /**
   * The gradient norms the step just taken computed for the groups `gradientGroups` asked for (trainStep);
   * the caller keeps ownership. Without them the hub takes a backward pass of its own.
   */
  readonly gradientNorms?: tf.Tensor1D;
}

export interface ProbeHub {
  configure(config: ProbeConfig): void;
  readonly config: ProbeConfig;
  /**
   * Called once per training step; takes and posts a snapshot when one is due. Resolves true when it
   * posted one, so the loop can post its metrics in the same beat (the UI then draws both in one frame).
   */
  maybeProbe(src: ProbeSource): Promise<boolean>;
  /**
   * Releases the weight snapshot a run's probes hold (call when the run's model is disposed). `after`: a
   * model that outlives the run (the predictor's weight copy); it is probed now and whenever the views'
   * wishes change, until the next run begins.
   */
  endRun(after?: ProbeSource): void;
  /**
   * The variables, one group per layer, whose gradient norms the next step of `model` should compute
   * (passed back as ProbeSource.gradientNorms), or null when no gradient probe waits on that step.
   */
  gradientGroups(network: BuiltModel): readonly (readonly tf.Variable[])[] | null;
}

export interface HubOptions {
  readonly limits?: ProbeLimits;
  /** Share of wall time each cadence may use. */
  readonly fastBudget?: number;
  readonly slowBudget?: number;
  /** Examples of the batch used for the gradient norms. */
  readonly gradientExamples?: number;
}

interface Pending {
  readonly network: BuiltModel;
  readonly step: number;
  readonly layers: WeightedLayer[];
  readonly before: tf.Tensor[][];
}

/** How long after a new choice of input the hub waits for a step before probing on its own. */
const IDLE_REFRESH_MS = 300;

export function createProbeHub(options: HubOptions = {}): ProbeHub {
  const limits = options.limits ?? DEFAULT_LIMITS;
  let config = PROBES_OFF;
  // Budgets are fractions of the worker's time; the main thread's drawing also takes CPU from training on
  // 2-core machines, so both are kept small (measured with `npm run bench -- --suite=baseline,views`).
  let fast: Cadence = createCadence(200, options.fastBudget ?? 0.04);
  // Gradients and saliency change slowly: at most once a second.
  let slow: Cadence = createCadence(1000, options.slowBudget ?? 0.02);
  let pending: Pending | null = null;
  const release = () => {
    if (pending) tf.dispose(pending.before.flat());
    pending = null;
  };

  // The last step's source, so a new input chosen while the loop stands still (paused) is probed anyway.
  let last: ProbeSource | null = null;
  let busy = false;
  let taken = 0;
  let broken: BuiltModel | null = null;

  const probe = async (src: ProbeSource, now: number, wantFast: boolean, slowNow: boolean, withGradients: boolean): Promise<boolean> => {
    busy = true;
    try {
      const snapshot = await takeSnapshot(src, config, limits, { fast: wantFast, slow: slowNow, pending: withGradients ? pending : null, options });
      const cost = src.now() - now;
      // Maps and filters that ride along with a gradient or saliency probe are charged to the slow cadence.
      if (wantFast) fast = slowNow ? { ...fast, lastAt: now } : recordProbe(fast, now, cost);
      if (slowNow) slow = recordProbe(slow, now, cost);
      taken += 1;
      src.post({ type: 'probes', runId: src.runId, probes: { ...snapshot.snapshot, costMs: cost } }, snapshot.transfer);
      return true;
    } catch (err) {
      // A probe must never end the training run: stop probing this model and say why in the console.
      broken = src.network;
      console.warn('Probes disabled for this run:', err);
      return false;
    } finally {
      busy = false;
    }
  };

  const refreshWhenIdle = () => {
    const seen = taken;
    setTimeout(() => {
      const src = last;
      if (taken !== seen || busy || !src || src.network === broken) return;
      void probe(src, src.now(), fastWanted(config), config.saliency, false);
    }, IDLE_REFRESH_MS);
  };

  return {
    get config() {
      return config;
    },
    configure(next) {
      const changed = next.input !== config.input || next.activations !== config.activations ||
        next.filters !== config.filters || next.saliency !== config.saliency || next.attention !== config.attention ||
        (next.activations && addsBlocks(config.blocks, next.blocks));
      config = next;
      fast = withRate(fast, next.maxPerSecond);
      if (!next.gradients) release();
      if (!changed) return;
      // Show the new choice at the next step, or soon if no step comes (paused).
      fast = { ...fast, lastAt: -Infinity };
      slow = { ...slow, lastAt: -Infinity };
      refreshWhenIdle();
    },
    gradientGroups(network) {
      return pending && pending.network === network ? pending.layers.map((l) => l.variables) : null;
    },
    endRun(after) {
      release();
      last = after ?? null;
      broken = null;
      // Every view then shows the final weights, saliency included (not a mix of the last few probes).
      const wanted = fastWanted(config) || config.saliency;
      if (after && wanted && busy) refreshWhenIdle();
      else if (after && wanted) void probe(after, after.now(), fastWanted(config), config.saliency, false);
    },
    async maybeProbe(src) {
      // The idle refresh never takes gradients, so it must not hold on to this step's norms either.
      last = src.gradientNorms ? withoutNorms(src) : src;
      if (busy || src.network === broken) return false;
      const now = src.now();
      const fastNow = fastWanted(config);
      let wantFast = fastNow && isDue(fast, now);
      let slowNow = false;
      if (pending && (pending.network !== src.network || pending.step !== src.step - 1)) release();
      if (pending) slowNow = true;
      else if ((config.gradients || config.saliency) && isDue(slow, now)) {
        if (config.gradients) {
          // Weights now, compared with the weights after the next step: one real update.
          const layers = weightedLayers(src.network);
          pending = { network: src.network, step: src.step, layers, before: snapshotWeights(layers) };
          slow = recordProbe(slow, now, src.now() - now);
        } else slowNow = true;
      }
      // A slow probe takes fresh maps and filters too: one post, one redraw, instead of two close together.
      if (slowNow && fastNow) wantFast = true;
      if (!wantFast && !slowNow) return false;
      const posted = await probe(src, now, wantFast, slowNow, true);
      // A snapshot of the weights taken at this step waits for the next one; a used one is done.
      if (slowNow) release();
      return posted;
    },
  };
}

/** Activations, filters and attention maps share the fast cadence. */
const fastWanted = (config: ProbeConfig): boolean => config.activations || config.filters || config.attention === true;

interface Wanted {
  readonly fast: boolean;
  readonly slow: boolean;
  readonly pending: Pending | null;
  readonly options: HubOptions;
}

/** The chosen input as HWC floats in [0, 1]; a bad pixel array falls back to the first test image. */
export function probeImage(data: LoadedDataset, config: ProbeConfig): ProbeImage {
  const [height = 1, width = 1, channels = 1] = data.meta.inputShape;
  const size = height * width * channels;
  const input = config.input;
  if (input.kind === 'pixels' && input.data.length === size) {
    return { height, width, channels, values: Float32Array.from(input.data, (v) => Math.min(1, Math.max(0, v))), label: null };
  }
  const wanted = input.kind === 'test' && Number.isInteger(input.index) ? input.index : 0;
  const index = Math.min(Math.max(0, wanted), data.test.count - 1);
  const bytes = data.test.images.subarray(index * size, (index + 1) * size);
  return { height, width, channels, values: Float32Array.from(bytes, (b) => b / 255), label: data.test.labels[index] ?? null, index };
}

async function takeSnapshot(src: ProbeSource, config: ProbeConfig, limits: ProbeLimits, wanted: Wanted) {
  const image = probeImage(src.data, config);
  // tidy keeps only what it returns (a flat tensor list); the metadata leaves through `built`.
  let built: ReturnType<typeof buildProbes> | null = null;
  const order = tf.tidy(() => {
    const b = buildProbes(src, config, limits, wanted, image);
    built = b;
    return [
      b.probs, ...b.maps.map((m) => m.tensor), ...b.kernels.map((k) => k.tensor),
      ...(b.templates ? [b.templates.tensor] : []),
      ...(b.gradients ? [b.gradients.norms, b.gradients.ratios] : []),
      ...(b.saliency ? [b.saliency.saliency, ...(b.saliency.gradCam ? [b.saliency.gradCam] : [])] : []),
      ...(b.attention ? b.attention.tensors : []),
    ];
  });
  return collect(src.step, image, built as unknown as ReturnType<typeof buildProbes>, order);
}

function buildProbes(src: ProbeSource, config: ProbeConfig, limits: ProbeLimits, wanted: Wanted, image: ProbeImage) {
  const { network } = src;
  const blocks = [...network.blocks.values()];
  const x = tf.tensor4d(image.values, [1, image.height, image.width, image.channels]);
  const values = runLayers(network.model, x);
  const probs = classProbabilities(network, values);
  const only = config.blocks ? new Set(config.blocks) : null;
  const maps = wanted.fast && config.activations
    ? blocks.filter((b) => !only || only.has(b.id)).map((b) => mapTensor(b.id, blockValue(b, values), limits)).filter((m) => m !== null)
    : [];
  // Filters: every conv block's kernel (dilated and transposed ones too), as the build's block map names it.
  const kernels = wanted.fast && config.filters
    ? blocks.flatMap((b) => {
      const worker = workerBlockOf(b.spec.kind);
      if (worker.filters !== true || !b.kernel) return [];
      const kernel = b.kernel.read();
      return [kernelTensor(b.id, worker.filterKernel ? worker.filterKernel(kernel) : kernel, limits)];
    })
    : [];
  const templates = wanted.fast && config.filters ? templateTensor(network, limits.maxUnits) : null;
  const gradients = wanted.slow && wanted.pending ? gradientTensors(src, wanted.pending, wanted.options) : null;
  const mask = tf.oneHot(tf.argMax(probs, -1), probs.shape[1] as number).toFloat();
  const saliency = wanted.slow && config.saliency ? saliencyTensors(network, x as tf.Tensor4D, mask) : null;
  const attention = wanted.fast && config.attention ? attentionTensors(network, values) : null;
  return { probs: probs.reshape([-1]), maps, kernels, templates, gradients, saliency, attention, attentionAsked: wanted.fast && config.attention === true };
}

async function collect(step: number, image: ProbeImage, built: ReturnType<typeof buildProbes>, order: tf.Tensor[]) {
  // Copies: a backend may hand back its own buffer, which must not be detached by the transfer.
  const arrays = (await readAll(order)).map((a) => new Float32Array(a));
  let at = 0;
  const next = () => arrays[at++] as Float32Array;
  const probabilities = next();
  const snapshot: Omit<ProbeSnapshot, 'costMs'> = {
    step,
    input: image,
    probabilities,
    activations: built.maps.map((m) => ({ ...m.meta, values: next() })),
    filters: built.kernels.map((k) => ({ ...k.meta, values: next() })),
    templates: built.templates ? { ...built.templates.meta, values: next() } : null,
    gradients: built.gradients ? { ids: built.gradients.ids, gradNorm: next(), updateRatio: next() } : null,
    saliency: built.saliency
      ? { classIndex: argMax(probabilities), height: image.height, width: image.width, saliency: next(),
          gradCam: built.saliency.gradCam ? next() : null, camLayer: built.saliency.camLayer }
      : null,
  };
  // Asked for but not given (no attention over an image's patches): null, so the view can say why.
  const maps = built.attention ? finishAttention(built.attention, arrays.slice(at)) : null;
  const withMaps = built.attentionAsked ? { ...snapshot, attention: maps?.attention ?? null, positions: maps?.positions ?? null } : snapshot;
  const mapBuffers = maps ? [maps.attention.rollout.buffer, ...maps.attention.layers.map((l) => l.values.buffer), ...(maps.positions ? [maps.positions.values.buffer] : [])] : [];
  return { snapshot: withMaps, transfer: [...arrays.map((a) => a.buffer), image.values.buffer, ...mapBuffers] as Transferable[] };
}

function gradientTensors(src: ProbeSource, pending: Pending, options: HubOptions) {
  const given = src.gradientNorms;
  return {
    ids: pending.layers.map((l) => l.id),
    // The step's own norms when it took them; otherwise a backward pass on part of its batch.
    // (A clone: the snapshot's tensors are disposed once read, and the given ones stay the caller's.)
    norms: given && given.shape[0] === pending.layers.length ? tf.clone(given) : batchGradientNorms(src, pending, options),
    ratios: updateRatios(pending.layers, pending.before),
  };
}

function batchGradientNorms(src: ProbeSource, pending: Pending, options: HubOptions): tf.Tensor1D {
  const [h = 1, w = 1, c = 1] = src.data.meta.inputShape;
  const classes = src.data.meta.classNames.length;
  const m = Math.max(1, Math.min(src.batch.n, options.gradientExamples ?? 32));
  const xs = tf.tensor4d(src.batch.x.slice(0, m * h * w * c), [m, h, w, c]);
  const ys = src.batch.y instanceof Int32Array
    ? tf.oneHot(tf.tensor1d(src.batch.y.slice(0, m), 'int32'), classes).toFloat()
    : tf.tensor2d(src.batch.y.slice(0, m * classes), [m, classes]);
  return gradientNorms(src.network, pending.layers, xs, ys);
}

/** Whether `next` asks for a block `before` did not (absent = every block), so a fresh probe is due. */
export function addsBlocks(before: readonly string[] | undefined, next: readonly string[] | undefined): boolean {
  if (!before) return false;
  if (!next) return true;
  const had = new Set(before);
  return next.some((id) => !had.has(id));
}

function withoutNorms(src: ProbeSource): ProbeSource {
  const copy: { -readonly [K in keyof ProbeSource]?: ProbeSource[K] } = { ...src };
  delete copy.gradientNorms;
  return copy as ProbeSource;
}

export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
