// Messages of the "understanding" views (cs231n's visualizing-and-understanding toolkit): what a view asks
// the worker to compute on the current weights, and the plain typed-array answers. No tfjs here: the
// protocol, the views and the pure helpers import these types.

/** Grey patch slid over one test image: the drop of the true class's probability at each position. */
export interface OcclusionRequest {
  readonly view: 'occlusion';
  /** Index in the test split. */
  readonly index: number;
  readonly patch: number;
  readonly stride: number;
}

/** Gradient ascent on the input (Simonyan et al. 2014), towards a class score or one channel's mean. */
export interface ClassVizRequest {
  readonly view: 'classviz';
  readonly target: { readonly kind: 'class'; readonly cls: number } | { readonly kind: 'channel'; readonly blockId: string; readonly channel: number };
  readonly steps: number;
  /** Step size on the normalised gradient (pixels are in [0, 1]). */
  readonly rate: number;
  /** L2 penalty weight: the gradient of l2 * |x - 0.5|^2 is subtracted every step. */
  readonly l2: number;
  /** Blur the image every this many steps (0 = never). */
  readonly blurEvery: number;
  /** Roll the image by up to this many pixels before each gradient (0 = no jitter). */
  readonly jitter: number;
  /** Post a frame every this many steps. */
  readonly frameEvery: number;
}

export interface AttackRequest {
  readonly view: 'attack';
  readonly index: number;
  /** 'fgsm': one signed-gradient step of size epsilon; 'targeted': iterative steps towards `target`, within epsilon. */
  readonly mode: 'fgsm' | 'targeted';
  readonly epsilon: number;
  readonly target: number;
  readonly steps: number;
}

export type UnderstandRequest =
  | { readonly view: 'stats'; readonly batchSize: number }
  | { readonly view: 'top'; readonly blockId: string; readonly channel: number; readonly k: number; readonly maxImages: number }
  | OcclusionRequest
  | ClassVizRequest
  | AttackRequest
  | { readonly view: 'features'; readonly count: number };

export type UnderstandView = UnderstandRequest['view'];

/** Counts over `bins` equal bins from min to max. */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  readonly counts: Float32Array;
}

export interface LayerStats {
  readonly blockId: string;
  /** The block's kind in the spec ('conv2d', 'dense', ...), shown translated. */
  readonly kind: string;
  readonly mean: number;
  readonly std: number;
  readonly histogram: Histogram;
  /** The loss's gradient with respect to this block's output. */
  readonly gradMean: number;
  readonly gradStd: number;
  readonly gradHistogram: Histogram;
  /** After a ReLU: the share of units that are zero for every example of the batch; else null. */
  readonly deadFraction: number | null;
  /** Share of values exactly zero. */
  readonly zeroFraction: number;
}

/** A test image in the dataset's layout: H*W*C bytes. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export type UnderstandResult =
  | { readonly view: 'stats'; readonly examples: number; readonly layers: readonly LayerStats[] }
  | {
      readonly view: 'top'; readonly blockId: string; readonly channel: number; readonly channels: number;
      readonly shape: ImageShape; readonly searched: number;
      /** k images, each H*W*C bytes. */
      readonly images: Uint8Array;
      readonly indices: Int32Array;
      readonly values: Float32Array;
      /** Per image: the unit's receptive field in image pixels, [top, left, height, width] (may reach past the edges). */
      readonly boxes: Int32Array;
    }
  | {
      readonly view: 'occlusion'; readonly index: number; readonly label: number; readonly shape: ImageShape;
      readonly image: Uint8Array; readonly baseProbability: number; readonly rows: number; readonly cols: number;
      readonly patch: number; readonly stride: number;
      /** rows * cols drops of the true class's probability (base minus occluded). */
      readonly drop: Float32Array;
    }
  | {
      readonly view: 'classviz'; readonly step: number; readonly done: boolean; readonly shape: ImageShape;
      /** H*W*C floats in [0, 1]. */
      readonly image: Float32Array;
      /** The objective after each step so far. */
      readonly scores: Float32Array;
    }
  | {
      readonly view: 'attack'; readonly index: number; readonly label: number; readonly shape: ImageShape;
      readonly original: Float32Array; readonly adversarial: Float32Array;
      readonly before: Float32Array; readonly after: Float32Array;
    }
  | {
      readonly view: 'features'; readonly blockId: string; readonly shape: ImageShape; readonly dim: number;
      /** count * dim floats. */
      readonly features: Float32Array;
      readonly labels: Int32Array;
      readonly indices: Int32Array;
      readonly images: Uint8Array;
    };

export type UnderstandProblem = 'no-model' | 'bad-request' | 'failed';

export interface UnderstandToWorker {
  readonly type: 'understand';
  readonly runId: number;
  readonly requestId: number;
  readonly request: UnderstandRequest;
}

export interface UnderstandFromWorker {
  readonly type: 'understanding';
  readonly runId: number;
  readonly requestId: number;
  readonly result: UnderstandResult | null;
  /** Why there is no result; with 'failed', `detail` has the error text. */
  readonly problem?: UnderstandProblem;
  readonly detail?: string;
  /** Milliseconds the computation took so far (worker time). */
  readonly ms: number;
  /** The epoch and step of the weights used (0 = the run's end copy when not known). */
  readonly step: number;
}
