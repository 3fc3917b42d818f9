// Picks the tfjs backend for training, inside the worker. On a software renderer (SwiftShader, llvmpipe)
// WebGL is ~10x slower than wasm (shared/BROWSER.md), so the renderer string rules it out. Where a real GPU
// is offered (a hardware WebGL renderer, a WebGPU adapter that is not a fallback), a short timed training
// probe ranks webgpu / webgl / wasm and the fastest wins. Every step that fails is kept in the reason the UI shows.
//
// This module stays free of Vite-only imports so Node tests can load it; the browser worker passes the
// .wasm URLs in (see wasmUrls.ts: `selectBackend(choice, { wasmPaths: wasmPaths() })`).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradientKernels } from './kernels';
import { probeWebGpu, timeTrainingProbe, type WebGpuProbe } from './backendMeasure';
import type { BackendChoice, BackendInfo, BackendName, RememberedBackend } from './api/protocol';

export interface SelectBackendOptions {
  /** Where the wasm binaries are: a folder prefix, or a URL per binary name (see wasmUrls.ts). */
  readonly wasmPaths?: Record<string, string> | string;
  /**
   * Loads tfjs's webgpu backend (backendMeasure.ts: loadWebGpuBackend). Passed in by the training worker only,
   * so that its 460 kB chunk is bundled once, not into every worker that selects a backend (the helpers never
   * use a GPU). Without it an adapter is noted and left unused.
   */
  readonly loadWebGpu?: () => Promise<void>;
  /**
   * What 'auto' measured on an earlier visit: on the same GPU (renderer and adapter), with that backend among
   * the candidates, it is started without timing them again; a measurement that no longer fits is retaken.
   */
  readonly remembered?: RememberedBackend;
  /** Stand-ins for tests: the WebGPU adapter probe, the timed probe. */
  readonly probeWebGpu?: () => Promise<WebGpuProbe>;
  readonly timeProbe?: (name: BackendName) => Promise<number>;
}

export interface RendererProbe {
  /** The unmasked GL renderer string, when a WebGL2 context could be made. */
  readonly renderer?: string;
  /** Why there is no WebGL2 context, when there is none. */
  readonly error?: string;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|software|microsoft basic render|basic render driver/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Reads the GPU renderer from a throwaway WebGL2 context on an OffscreenCanvas (workers have no DOM),
 * then releases the context at once: browsers cap live contexts and tfjs will make its own.
 */
export function probeWebGLRenderer(): RendererProbe {
  if (typeof OffscreenCanvas === 'undefined') return { error: 'no OffscreenCanvas here' };
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (gl === null) return { error: 'no WebGL2 context' };
    // Firefox unmasks RENDERER itself and deprecates the extension; the others need the extension.
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer };
  } catch (err) {
    return { error: message(err) };
  }
}

/** Backends to try in order, with the reason the first would be chosen, and those worth timing. */
interface Plan {
  readonly order: ReadonlyArray<BackendName>;
  readonly why: string;
  readonly notes: ReadonlyArray<string>;
  readonly renderer?: string;
  /** More than one means: time each with the training probe and take the fastest. */
  readonly measure: ReadonlyArray<BackendName>;
}

export function autoPlan(probe: RendererProbe, gpu: WebGpuProbe = {}): Plan {
  const { renderer } = probe;
  const gpuNotes: string[] = [];
  const gpus: BackendName[] = [];
  if (gpu.adapter !== undefined && gpu.fallback !== true) gpus.push('webgpu');
  else if (gpu.adapter !== undefined) gpuNotes.push(`webgpu skipped: software adapter (${gpu.adapter})`);
  else if (gpu.error !== undefined) gpuNotes.push(`webgpu unavailable: ${gpu.error}`);
  const gpuWhy = gpus.length > 0 ? `auto: WebGPU adapter ${gpu.adapter ?? ''}` : null;
  const measure = (fast: BackendName[]): BackendName[] => (fast.length > 0 ? [...fast, 'wasm'] : []);
  if (renderer === undefined) {
    return { order: [...gpus, 'wasm', 'cpu'], why: gpuWhy ?? 'auto: no GPU', measure: measure(gpus),
      notes: [`webgl unavailable: ${probe.error ?? 'unknown'}`, ...gpuNotes] };
  }
  if (isSoftwareRenderer(renderer)) {
    return {
      order: [...gpus, 'wasm', 'webgl', 'cpu'], renderer, notes: gpuNotes, measure: measure(gpus),
      why: gpuWhy ?? `auto: software GPU renderer (${renderer}), wasm is faster`,
    };
  }
  const fast: BackendName[] = [...gpus, 'webgl'];
  return { order: [...fast, 'wasm', 'cpu'], renderer, notes: gpuNotes, measure: measure(fast), why: `auto: GPU renderer ${renderer}` };
}

/**
 * Tries one backend. tf.setBackend answers false (logging the cause to the console) when a registered
 * backend fails to start, and throws for one never registered, as webgl is in Node.
 */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (!(await tf.setBackend(name))) return `${name} failed to start (details in the console)`;
    await tf.ready();
    return tf.getBackend() === name ? null : `${name} did not become active`;
  } catch (err) {
    return `${name} unavailable: ${message(err)}`;
  }
}

function applyWasmPaths(paths: SelectBackendOptions['wasmPaths'], notes: string[]): void {
  if (paths === undefined) return;
  try {
    // The tfjs typing wants exactly its three binary names; wasmUrls.ts provides those.
    setWasmPaths(paths as Parameters<typeof setWasmPaths>[0]);
  } catch (err) {
    // Throws once a wasm start has failed; the paths cannot matter any more then.
    notes.push(`wasm paths not applied: ${message(err)}`);
  }
}

/** Starts the first backend of `order` that works; failures are appended to `notes`. */
async function firstThatStarts(order: ReadonlyArray<BackendName>, notes: string[]): Promise<BackendName | null> {
  for (const name of order) {
    const failure = await tryBackend(name);
    if (failure === null) return name;
    notes.push(failure);
  }
  return null;
}

interface Measured {
  readonly name: BackendName;
  readonly ms: Partial<Record<BackendName, number>>;
}

/** Times each candidate that starts; leaves the fastest active. Null when fewer than two could be timed. */
async function fastestOf(candidates: ReadonlyArray<BackendName>, notes: string[],
  time: (name: BackendName) => Promise<number>): Promise<Measured | null> {
  const ms: Partial<Record<BackendName, number>> = {};
  for (const name of candidates) {
    const failure = await tryBackend(name);
    if (failure !== null) {
      notes.push(failure);
      continue;
    }
    try {
      ms[name] = Math.round((await time(name)) * 10) / 10;
    } catch (err) {
      notes.push(`${name} failed the timing probe: ${message(err)}`);
    }
  }
  const timed = (Object.entries(ms) as Array<[BackendName, number]>).sort((a, b) => a[1] - b[1]);
  const best = timed[0];
  if (best === undefined || timed.length < 2) return null;
  const failure = await tryBackend(best[0]);
  if (failure !== null) {
    notes.push(failure);
    return null;
  }
  return { name: best[0], ms };
}

/** The fastest of the plan's candidates: remembered from an earlier visit when it fits, timed otherwise. */
async function measuredChoice(plan: Plan, gpu: WebGpuProbe, notes: string[], opts: SelectBackendOptions):
  Promise<(Measured & { readonly remembered: boolean }) | null> {
  if (plan.measure.length < 2) return null;
  const r = opts.remembered;
  if (r !== undefined && plan.measure.includes(r.name) && r.renderer === plan.renderer && r.adapter === gpu.adapter) {
    const failure = await tryBackend(r.name);
    if (failure === null) return { name: r.name, ms: r.measuredMs, remembered: true };
    notes.push(failure);
  }
  const measured = await fastestOf(plan.measure, notes, opts.timeProbe ?? (() => timeTrainingProbe()));
  return measured === null ? null : { ...measured, remembered: false };
}

const describeTimes = (ms: Measured['ms']) =>
  (Object.entries(ms) as Array<[BackendName, number]>).map(([n, t]) => `${n} ${t} ms`).join(', ');

async function noWebGpu(): Promise<void> {
  throw new Error('not bundled in this worker');
}

/**
 * Starts the backend for `choice` and says why it ended where it did. 'auto' goes by the GPU renderer
 * and the WebGPU adapter, timing the candidates where a real GPU is offered; an explicit choice that
 * fails falls back in the order 'auto' would use. Also registers the wasm gradient kernels that training
 * needs (idempotent). `probe` is there for tests.
 */
export async function selectBackend(
  choice: BackendChoice,
  opts: SelectBackendOptions = {},
  probe: () => RendererProbe = probeWebGLRenderer,
): Promise<BackendInfo> {
  registerWasmGradientKernels();
  const notes: string[] = [];
  applyWasmPaths(opts.wasmPaths, notes);
  const gpu = choice === 'auto' || choice === 'webgpu' ? await (opts.probeWebGpu ?? probeWebGpu)() : {};
  if (gpu.adapter !== undefined) {
    try {
      await (opts.loadWebGpu ?? noWebGpu)();
    } catch (err) {
      notes.push(`webgpu backend failed to load: ${message(err)}`);
    }
  }
  // An explicit choice needs no GL probe unless it fails.
  let plan: Plan = choice === 'auto' ? autoPlan(probe(), gpu) : { order: [choice], why: 'chosen by user', notes: [], measure: [] };
  const wanted = plan.order[0];
  notes.push(...plan.notes);
  if (choice === 'webgpu' && gpu.error !== undefined) notes.push(`webgpu unavailable: ${gpu.error}`);
  const measured = await measuredChoice(plan, gpu, notes, opts);
  let name = measured?.name ?? await firstThatStarts(plan.order, notes);
  if (name === null && choice !== 'auto') {
    const rest = autoPlan(probe());
    // The probe's "webgl unavailable" would only repeat the failure just recorded for webgl.
    if (choice !== 'webgl') notes.push(...rest.notes);
    plan = { ...rest, why: plan.why };
    name = await firstThatStarts(rest.order.filter((b) => b !== choice), notes);
  }
  if (name === null) throw new Error(`no tfjs backend could start: ${notes.join('; ')}`);
  const why = measured === null ? plan.why
    : `auto: ${name} fastest in a timed training probe${measured.remembered ? ' earlier in this browser' : ''} (${describeTimes(measured.ms)})`;
  const fellBack = measured === null && name !== wanted ? [`fell back to ${name}`] : [];
  // A backend that failed while being timed fails again in the ordered pass: say so once.
  const reason = [...new Set([why, ...notes, ...fellBack])].join('; ');
  return {
    name, reason,
    ...(plan.renderer === undefined ? {} : { renderer: plan.renderer }),
    ...(measured === null ? {} : { measuredMs: measured.ms, ...(measured.remembered ? { remembered: true } : {}) }),
    ...(gpu.adapter === undefined ? {} : { adapter: gpu.adapter }),
  };
}

/**
 * Remembers what each choice selected, so a worker started before Train (engine 'prepare') has its backend
 * ready when the run asks, and later runs skip the probes. Selected again when the active backend is no
 * longer the remembered one (a lost GPU context moved a run to wasm) or when the selection failed.
 */
type SelectFn = (choice: BackendChoice, remembered?: RememberedBackend) => Promise<BackendInfo>;

export function rememberSelection(select: SelectFn, active: () => string = () => tf.getBackend()): SelectFn {
  const known = new Map<BackendChoice, Promise<BackendInfo>>();
  const fresh = (choice: BackendChoice, remembered?: RememberedBackend) => {
    const selection = select(choice, remembered);
    known.set(choice, selection);
    selection.catch(() => {
      if (known.get(choice) === selection) known.delete(choice);
    });
    return selection;
  };
  return async (choice, remembered) => {
    const earlier = known.get(choice);
    if (earlier === undefined) return fresh(choice, remembered);
    const info = await earlier.catch(() => null);
    return info !== null && info.name === active() ? info : fresh(choice, remembered);
  };
}
