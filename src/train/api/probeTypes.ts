// What the views ask the worker to probe, and the plain typed-array snapshots it sends back. No tfjs here:
// the protocol, the views and the pure src/paint helpers import these types.

/** The image the probes look at: a test example by index, or pixels handed in (drawn, uploaded). */
export type ProbeInput =
  | { readonly kind: 'test'; readonly index: number }
  /** HWC floats in [0, 1], the dataset's input shape (e.g. 28*28*1 for MNIST). */
  | { readonly kind: 'pixels'; readonly data: Float32Array };

export interface ProbeConfig {
  readonly activations: boolean;
  readonly filters: boolean;
  readonly gradients: boolean;
  readonly saliency: boolean;
  /** A vision transformer's attention maps and position-embedding similarity (absent: off). */
  readonly attention?: boolean;
  readonly input: ProbeInput;
  /**
   * The blocks whose activations are wanted (the thumbnails on screen, the open detail pane's block);
   * absent: every block (the feature-maps panel). Filters, gradients and saliency ignore it.
   */
  readonly blocks?: readonly string[];
  /** Highest snapshot rate wanted (per second); the worker may go slower to protect the training step. */
  readonly maxPerSecond: number;
}

export const PROBES_OFF: ProbeConfig = {
  activations: false,
  filters: false,
  gradients: false,
  saliency: false,
  input: { kind: 'test', index: 0 },
  maxPerSecond: 5,
};

/** A stack of 2-D maps of one block, channel-major: values[c * height * width + y * width + x]. */
export interface MapStack {
  readonly id: string;
  readonly height: number;
  readonly width: number;
  /** Channels sent (the first ones), and how many the block really has. */
  readonly channels: number;
  readonly totalChannels: number;
  /** The block's own output size when the maps were downsampled to fit, else equal to height / width. */
  readonly fullHeight: number;
  readonly fullWidth: number;
  readonly values: Float32Array;
}

/** Conv kernels of one layer, values[((o * inCh + i) * kh + y) * kw + x]; first channels only. */
export interface KernelStack {
  readonly id: string;
  readonly kh: number;
  readonly kw: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly totalIn: number;
  readonly totalOut: number;
  readonly values: Float32Array;
}

/** Weights into the output classes, one h x w x c image per class: values[((k * h + y) * w + x) * c + ch]. */
export interface ClassTemplates {
  readonly id: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classes: number;
  readonly values: Float32Array;
}

/** One value per weighted layer at one step. */
export interface GradientSample {
  readonly ids: readonly string[];
  /** L2 norm of the loss gradient over the layer's trainable weights, on the current batch. */
  readonly gradNorm: Float32Array;
  /** ||W after one step - W before|| / ||W before||: cs231n's "update to weight" ratio (about 1e-3 is healthy). */
  readonly updateRatio: Float32Array;
}

export interface SaliencyMaps {
  /** The class explained (the predicted one). */
  readonly classIndex: number;
  readonly height: number;
  readonly width: number;
  /** max over channels of |d score / d pixel|, HW. */
  readonly saliency: Float32Array;
  /** Grad-CAM of the last conv block, upsampled to the input size (HW, >= 0); absent with no conv block. */
  readonly gradCam: Float32Array | null;
  readonly camLayer: string | null;
}

/** Attention of one self-attention block over the patch grid, per head: values[h * rows * cols + y * cols + x]. */
export interface HeadMaps {
  readonly id: string;
  readonly heads: number;
  readonly values: Float32Array;
}

/**
 * A vision transformer's attention over the input image's patches (a rows x cols grid): per attention
 * block and head, the class token's row (the mean of every token's row without a class token), and the
 * attention rollout across the blocks (Abnar & Zuidema 2020), rows * cols values.
 */
export interface AttentionMaps {
  readonly rows: number;
  readonly cols: number;
  readonly fromClassToken: boolean;
  readonly layers: readonly HeadMaps[];
  readonly rollout: Float32Array;
}

/** Cosine similarity of the position embeddings of every patch pair: values[p * patches + q], patches = rows * cols. */
export interface PositionSimilarity {
  readonly id: string;
  readonly rows: number;
  readonly cols: number;
  readonly values: Float32Array;
}

export interface ProbeImage {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** HWC, 0..1. */
  readonly values: Float32Array;
  /** The true class when the input is a test example. */
  readonly label: number | null;
  /** Which test example it is (absent for a drawn or uploaded image): a view can tell an answer for the image chosen before from one for the image chosen now. */
  readonly index?: number;
}

export interface ProbeSnapshot {
  readonly step: number;
  readonly input: ProbeImage;
  /** The model's class probabilities for the input. */
  readonly probabilities: Float32Array;
  readonly activations: readonly MapStack[];
  readonly filters: readonly KernelStack[];
  readonly templates: ClassTemplates | null;
  readonly gradients: GradientSample | null;
  readonly saliency: SaliencyMaps | null;
  /** With the attention probe on a network whose tokens cover the image's patches; else absent or null. */
  readonly attention?: AttentionMaps | null;
  readonly positions?: PositionSimilarity | null;
  /** Milliseconds the worker spent on this snapshot (for the views and the benchmark). */
  readonly costMs: number;
}
