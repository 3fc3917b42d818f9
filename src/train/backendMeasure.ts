// What backend.ts needs to weigh WebGPU: whether navigator.gpu gives an adapter (in a dedicated worker as
// on a page), loading tfjs's webgpu backend only then, and a short timed training probe that ranks the
// backends a machine offers. Node has no navigator.gpu, so there none of this loads.
import * as tf from '@tensorflow/tfjs';

export interface WebGpuProbe {
  /** The adapter's vendor and architecture, when navigator.gpu gave one. */
  readonly adapter?: string;
  /** A software (fallback) adapter such as SwiftShader: ~30 images/s here, never worth choosing by itself. */
  readonly fallback?: boolean;
  /** Why there is no adapter, when there is none. */
  readonly error?: string;
}

/** The few members of the WebGPU API used here (TypeScript's DOM library has no WebGPU types yet). */
interface GpuAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (gpu === undefined) return { error: 'no navigator.gpu here' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter === null) return { error: 'navigator.gpu gave no adapter' };
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.description].filter((s) => s !== undefined && s !== '').join(' ') || 'unknown adapter';
    const fallback = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE_ADAPTER.test(name);
    return { adapter: name, fallback };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Registers tfjs's webgpu backend (it registers itself on import where navigator.gpu exists). */
export async function loadWebGpuBackend(): Promise<void> {
  await import('@tensorflow/tfjs-backend-webgpu');
}

/**
 * Milliseconds per training step of a small conv net (batch 32, 28x28: two 3x3 convolutions and their
 * gradients) on the active backend, the median of `steps` after two warm-up steps (shader compilation,
 * first allocations). Each step reads one value back, so queued GPU work is counted.
 */
export async function timeTrainingProbe(steps = 3): Promise<number> {
  const x = tf.randomNormal([32, 28, 28, 1], 0, 1, 'float32', 1);
  const w1 = tf.variable(tf.randomNormal([3, 3, 1, 8], 0, 0.3, 'float32', 2));
  const w2 = tf.variable(tf.randomNormal([3, 3, 8, 16], 0, 0.1, 'float32', 3));
  const step = async () => {
    const total = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(
        tf.conv2d(tf.relu(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same')), w2 as tf.Tensor4D, 2, 'same'))) as tf.Scalar,
      [w1, w2]);
      return tf.addN([value, ...Object.values(grads).map((g) => tf.sum(g))]);
    });
    await total.data();
    total.dispose();
  };
  try {
    await step();
    await step();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await step();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Infinity;
  } finally {
    tf.dispose([x, w1, w2]);
  }
}
