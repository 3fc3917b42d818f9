// Picks the tfjs backend for training, inside the worker. On a real GPU WebGL is the fast path; on a
// software renderer (SwiftShader, llvmpipe) WebGL is ~10x slower than wasm (/work/shared/BROWSER.md), so
// the renderer string decides. Every step that fails is kept in the reason the UI shows.
//
// This module stays free of Vite-only imports so Node tests can load it; the browser worker passes the
// .wasm URLs in (see wasmUrls.ts: `selectBackend(choice, { wasmPaths: wasmPaths() })`).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradientKernels } from './kernels';
import type { BackendChoice, BackendInfo, BackendName } from './protocol';

export interface SelectBackendOptions {
  /** Where the wasm binaries are: a folder prefix, or a URL per binary name (see wasmUrls.ts). */
  readonly wasmPaths?: Record<string, string> | string;
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

/** Backends to try in order, with the reason the first would be chosen. */
interface Plan {
  readonly order: ReadonlyArray<BackendName>;
  readonly why: string;
  readonly notes: ReadonlyArray<string>;
  readonly renderer?: string;
}

export function autoPlan(probe: RendererProbe): Plan {
  const { renderer } = probe;
  if (renderer === undefined) {
    return { order: ['wasm', 'cpu'], why: 'auto: no GPU', notes: [`webgl unavailable: ${probe.error ?? 'unknown'}`] };
  }
  if (isSoftwareRenderer(renderer)) {
    return {
      order: ['wasm', 'webgl', 'cpu'], renderer, notes: [],
      why: `auto: software GPU renderer (${renderer}), wasm is faster`,
    };
  }
  return { order: ['webgl', 'wasm', 'cpu'], renderer, notes: [], why: `auto: GPU renderer ${renderer}` };
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

/**
 * Starts the backend for `choice` and says why it ended where it did. 'auto' goes by the GPU renderer;
 * an explicit choice that fails falls back in the order 'auto' would use. Also registers the wasm
 * gradient kernels that training needs (idempotent). `probe` is there for tests.
 */
export async function selectBackend(
  choice: BackendChoice,
  opts: SelectBackendOptions = {},
  probe: () => RendererProbe = probeWebGLRenderer,
): Promise<BackendInfo> {
  registerWasmGradientKernels();
  const notes: string[] = [];
  applyWasmPaths(opts.wasmPaths, notes);
  // An explicit choice needs no GL probe unless it fails.
  let plan: Plan = choice === 'auto' ? autoPlan(probe()) : { order: [choice], why: 'chosen by user', notes: [] };
  const wanted = plan.order[0];
  notes.push(...plan.notes);
  let name = await firstThatStarts(plan.order, notes);
  if (name === null && choice !== 'auto') {
    const rest = autoPlan(probe());
    // The probe's "webgl unavailable" would only repeat the failure just recorded for webgl.
    if (choice !== 'webgl') notes.push(...rest.notes);
    plan = { ...rest, why: plan.why };
    name = await firstThatStarts(rest.order.filter((b) => b !== choice), notes);
  }
  if (name === null) throw new Error(`no tfjs backend could start: ${notes.join('; ')}`);
  const reason = [plan.why, ...notes, ...(name === wanted ? [] : [`fell back to ${name}`])].join('; ');
  return plan.renderer === undefined ? { name, reason } : { name, reason, renderer: plan.renderer };
}
