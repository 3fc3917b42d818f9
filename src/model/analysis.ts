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
  readonly kernel: number;
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
  readonly params: ParamCount;
  readonly arithmetic: readonly AxisArithmetic[];
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
