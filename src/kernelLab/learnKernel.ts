// "Learn a kernel" (d2l.ai 7.2): given an image X and the output Y of a hidden kernel, gradient descent on a
// blank grid K recovers the kernel. The loss is the mean squared error over the valid output (no padding,
// so every term is a real pixel): L = mean((X ⋆ K - Y)^2), dL/dK[i,j] = 2/N Σ (X ⋆ K - Y)[y,x] X[y+i, x+j].
import { checkKernel, type Kernel, type LabImage } from './convolve';

export interface LearnState {
  readonly kernel: Kernel;
  readonly step: number;
  /** The loss before this state's last step (null at the start), newest last. */
  readonly losses: readonly number[];
}

export interface LearnTask {
  /** A grey image (one channel). */
  readonly image: LabImage;
  /** The hidden kernel's valid output, (H - k + 1) x (W - k + 1). */
  readonly target: Float32Array;
  readonly size: number;
  readonly learningRate: number;
}

/** Valid cross-correlation of a grey image with a kernel: (H - k + 1) x (W - k + 1), row-major. */
export function correlateValid(img: LabImage, k: Kernel): Float32Array {
  checkKernel(k);
  if (img.channels !== 1) throw new Error('learning a kernel works on a grey image');
  const ow = img.width - k.size + 1;
  const oh = img.height - k.size + 1;
  if (ow < 1 || oh < 1) throw new Error(`a ${img.width}x${img.height} image is smaller than the ${k.size}x${k.size} kernel`);
  const out = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sum = 0;
      for (let ky = 0; ky < k.size; ky++) {
        for (let kx = 0; kx < k.size; kx++) sum += (k.values[ky * k.size + kx] as number) * (img.data[(y + ky) * img.width + x + kx] as number);
      }
      out[y * ow + x] = sum;
    }
  }
  return out;
}

/**
 * A task whose learning rate keeps plain gradient descent stable on this image: the loss's curvature is at
 * most 2 x (sum of the mean squared inputs under each weight), so a step of 1 / that never overshoots.
 */
export function makeLearnTask(image: LabImage, hidden: Kernel): LearnTask {
  const target = correlateValid(image, hidden);
  let meanSquare = 0;
  for (const v of image.data) meanSquare += v * v;
  meanSquare /= image.data.length;
  const curvature = 2 * hidden.size * hidden.size * Math.max(meanSquare, 1e-6);
  return { image, target, size: hidden.size, learningRate: 1 / curvature };
}

export const startLearning = (size: number): LearnState =>
  ({ kernel: { size, values: new Array<number>(size * size).fill(0) }, step: 0, losses: [] });

/** The current loss and its gradient with respect to every weight. */
export function lossAndGradient(task: LearnTask, kernel: Kernel): { loss: number; grad: number[] } {
  const { image, target } = task;
  const out = correlateValid(image, kernel);
  const ow = image.width - kernel.size + 1;
  const n = out.length;
  const grad = new Array<number>(kernel.size * kernel.size).fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const err = (out[i] as number) - (target[i] as number);
    loss += err * err;
    const y = Math.floor(i / ow);
    const x = i - y * ow;
    for (let ky = 0; ky < kernel.size; ky++) {
      for (let kx = 0; kx < kernel.size; kx++) {
        grad[ky * kernel.size + kx]! += (2 / n) * err * (image.data[(y + ky) * image.width + x + kx] as number);
      }
    }
  }
  return { loss: loss / n, grad };
}

/** One gradient-descent step: K <- K - lr * dL/dK; records the loss before the step. */
export function learnStep(task: LearnTask, state: LearnState): LearnState {
  const { loss, grad } = lossAndGradient(task, state.kernel);
  const values = state.kernel.values.map((v, i) => v - task.learningRate * (grad[i] as number));
  return { kernel: { size: state.kernel.size, values }, step: state.step + 1, losses: [...state.losses, loss] };
}

/** The largest difference between two kernels' weights. */
export function kernelDistance(a: Kernel, b: Kernel): number {
  return a.values.reduce((m, v, i) => Math.max(m, Math.abs(v - (b.values[i] ?? 0))), 0);
}
