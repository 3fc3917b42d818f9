// Pure bookkeeping of a segmentation run's epoch-end pass over the test split (no tfjs, unit-tested): the
// per-pixel confusion matrix, each image's mean IoU, the predicted masks of a few chosen images (the mask
// view) and of the images with the lowest IoU (the gallery of mistakes), kept while the batches stream by.

export interface MaskCollectorOptions {
  readonly numClasses: number;
  /** Pixels per image (H * W). */
  readonly pixels: number;
  /** The true mask of test example `index` (`pixels` class indices). */
  readonly truth: (index: number) => ArrayLike<number>;
  /** Test examples whose predicted masks are always kept (the mask view). */
  readonly chosen: readonly number[];
  /** How many of the lowest-IoU images to keep. */
  readonly keepWorst: number;
}

export interface KeptMask {
  readonly index: number;
  /** Mean IoU over the classes in the image's truth or prediction. */
  readonly iou: number;
  readonly predicted: Uint8Array;
}

export interface MaskAccumulator {
  /** Adds a batch: `indices` the examples' places in the split, `predicted` indices.length * pixels classes. */
  add(indices: ArrayLike<number>, predicted: ArrayLike<number>): void;
  /** numClasses * numClasses pixel counts, row-major (rows: true class, columns: predicted class). */
  readonly matrix: Int32Array;
  /** The chosen images in the order chosen (those seen so far). */
  chosen(): readonly KeptMask[];
  /** Lowest IoU first. */
  worst(): readonly KeptMask[];
}

/** Mean over the classes present in truth or prediction of intersection / union; 1 for an empty image pair. */
export function imageIoU(truth: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number): number {
  const inter = new Float64Array(numClasses);
  const union = new Float64Array(numClasses);
  for (let p = 0; p < truth.length; p += 1) {
    const t = truth[p] as number;
    const g = predicted[p] as number;
    union[t] = (union[t] ?? 0) + 1;
    if (t === g) inter[t] = (inter[t] ?? 0) + 1;
    else union[g] = (union[g] ?? 0) + 1;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < numClasses; c += 1) {
    if ((union[c] ?? 0) === 0) continue;
    sum += (inter[c] ?? 0) / (union[c] as number);
    present += 1;
  }
  return present === 0 ? 1 : sum / present;
}

/** Each class's IoU from a pixel confusion matrix: diagonal / (row + column - diagonal); NaN where both are 0. */
export function classIoUOf(matrix: ArrayLike<number>, numClasses: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < numClasses; c += 1) {
    let row = 0;
    let col = 0;
    for (let j = 0; j < numClasses; j += 1) {
      row += matrix[c * numClasses + j] as number;
      col += matrix[j * numClasses + c] as number;
    }
    const diag = matrix[c * numClasses + c] as number;
    const union = row + col - diag;
    out.push(union === 0 ? Number.NaN : diag / union);
  }
  return out;
}

export function createMaskCollector(opts: MaskCollectorOptions): MaskAccumulator {
  const { numClasses: k, pixels, keepWorst } = opts;
  const matrix = new Int32Array(k * k);
  const chosenAt = new Map(opts.chosen.map((index, order) => [index, order]));
  const chosen: (KeptMask | undefined)[] = [];
  const worst: KeptMask[] = [];
  const keep = (mask: KeptMask) => {
    const last = worst[worst.length - 1];
    if (keepWorst === 0 || (worst.length >= keepWorst && last && mask.iou >= last.iou)) return;
    let at = worst.findIndex((m) => mask.iou < m.iou);
    if (at < 0) at = worst.length;
    worst.splice(at, 0, mask);
    if (worst.length > keepWorst) worst.pop();
  };
  return {
    matrix,
    add(indices, predicted) {
      for (let i = 0; i < indices.length; i += 1) {
        const index = indices[i] as number;
        const truth = opts.truth(index);
        const guess = Uint8Array.from({ length: pixels }, (_, p) => predicted[i * pixels + p] as number);
        for (let p = 0; p < pixels; p += 1) {
          const t = truth[p] as number;
          const g = guess[p] as number;
          if (t < k && g < k) matrix[t * k + g] = (matrix[t * k + g] ?? 0) + 1;
        }
        const mask = { index, iou: imageIoU(truth, guess, k), predicted: guess };
        const order = chosenAt.get(index);
        if (order !== undefined) chosen[order] = mask;
        keep(mask);
      }
    },
    chosen: () => chosen.filter((m): m is KeptMask => m !== undefined),
    worst: () => worst.slice(),
  };
}
