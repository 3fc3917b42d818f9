// Reshaping weights into pictures: a first-layer kernel of an RGB input as a colour image, and the weights
// into each output class (a linear classifier's "templates", cs231n lecture 2) as an image per class.
import type { ClassTemplates, KernelStack } from '../train/api/probeTypes';
import { nearSquare } from './layout';

export interface Picture {
  readonly width: number;
  readonly height: number;
  /** 1: signed values for a diverging map; 3: HWC colour. */
  readonly channels: 1 | 3;
  readonly values: Float32Array;
}

/** Kernel `o` of a 3-input-channel stack ([out][in][kh][kw]) as an HWC colour picture. */
export function kernelRgb(k: KernelStack, o: number): Picture {
  const size = k.kh * k.kw;
  const values = new Float32Array(size * 3);
  for (let c = 0; c < 3; c++) {
    const from = (o * k.inChannels + c) * size;
    for (let i = 0; i < size; i++) values[i * 3 + c] = k.values[from + i] ?? 0;
  }
  return { width: k.kw, height: k.kh, channels: 3, values };
}

/** True when a conv layer's kernels are best shown in colour: it reads an RGB image directly. */
export const isRgbKernel = (k: KernelStack): boolean => k.totalIn === 3 && k.inChannels === 3;

/**
 * Class k's weights as a picture: in colour for an RGB-shaped input, signed grey-level for one channel,
 * the mean over channels for deeper maps, and a near-square block (NaN-padded) for a flat vector.
 */
export function templatePicture(t: ClassTemplates, k: number): Picture {
  const per = t.height * t.width * t.channels;
  const own = t.values.subarray(k * per, (k + 1) * per);
  if (t.height === 1 && t.channels === 1) {
    const [rows, cols] = nearSquare(t.width);
    const values = new Float32Array(rows * cols).fill(Number.NaN);
    values.set(own);
    return { width: cols, height: rows, channels: 1, values };
  }
  if (t.channels === 3) return { width: t.width, height: t.height, channels: 3, values: Float32Array.from(own) };
  const values = new Float32Array(t.height * t.width);
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    for (let c = 0; c < t.channels; c++) sum += own[i * t.channels + c] ?? 0;
    values[i] = sum / t.channels;
  }
  return { width: t.width, height: t.height, channels: 1, values };
}
