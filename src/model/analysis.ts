// The result of checking and measuring a ModelSpec: per-block output shapes, parameter counts, the
// arithmetic behind every spatial size, and problems in words a student can act on (as codes + values;
// the UI turns them into sentences in the reader's language).
import type { BlockKind, Shape } from './spec';

export interface ParamCount {
  readonly trainable: number;
  readonly nonTrainable: number;
}

/** One spatial axis of a conv / pool block, e.g. floor((28 - 5 + 2*2) / 1) + 1 = 28. */
export interface AxisArithmetic {
  readonly axis: 'height' | 'width';
  readonly input: number;
  /** The kernel (or pool window) size along this axis, as set on the block. */
  readonly kernel: number;
  /** 1 unless the block is a dilated convolution. */
  readonly dilation: number;
  /** How far the kernel reaches: dilation*(kernel-1)+1 (equals kernel when dilation is 1). */
  readonly effectiveKernel: number;
  /** Zero padding added on each side (for 'same', the total split as Keras/TF do; see padBefore/padAfter). */
  readonly padBefore: number;
  readonly padAfter: number;
  readonly stride: number;
  readonly output: number;
  /** The formula with the block's own numbers, language-neutral: "floor((28 - 5 + 2*2) / 1) + 1 = 28". */
  readonly formula: string;
}

export interface BlockAnalysis {
  readonly id: string;
  readonly kind: BlockKind;
  /** null when the block cannot be computed (its input is invalid or it has a problem itself). */
  readonly outputShape: Shape | null;
  /** Keras's split: batch norm's moving mean and variance are non-trainable, everything else trainable. */
  readonly params: ParamCount;
  readonly arithmetic: readonly AxisArithmetic[];
  /**
   * The arithmetic of blocks without a sliding window, with their own numbers, language-neutral:
   * flatten "7×7×16 = 784", concat "16 + 32 = 48", global pooling "7×7×64 → 64"; null when there is none.
   */
  readonly shapeFormula: string | null;
  /** How the parameters add up, e.g. "5*5*1*6 + 6 = 156" or "2*32 + 2*32 = 128" for batch norm. */
  readonly paramsFormula: string | null;
}

export type IssueSeverity = 'error' | 'warning';

export interface ModelIssue {
  readonly blockId: string | null;
  readonly severity: IssueSeverity;
  /** A stable code; the i18n 'model' namespace has a sentence for each (issue.<code>). */
  readonly code: string;
  readonly values: Readonly<Record<string, number | string>>;
}

export interface ModelAnalysis {
  /** In topological order. */
  readonly blocks: readonly BlockAnalysis[];
  readonly issues: readonly ModelIssue[];
  readonly totals: ParamCount;
  /** True when there is no issue of severity 'error': the network can be built and trained. */
  readonly valid: boolean;
  readonly outputShape: Shape | null;
}
