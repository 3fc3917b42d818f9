// Issue codes the core can raise, and small helpers to make issues and to print numbers for them.
// The codes are stable strings: the i18n 'model' namespace has one sentence per code (issue.<code>), and
// the values named beside each code are the placeholders those sentences may use.
import type { IssueSeverity, ModelIssue } from './analysis';
import type { Shape } from './spec';

/**
 * Every issue code with the names of the values it carries (the placeholders its sentences may use).
 * Numbers stay numbers; `shape` is text like "7×7×16", `shapes` a list of them ("14×14×32, 7×7×64");
 * `axis` is 'height', 'width' or 'both'; `field` names a field.<name> message (see FIELD_NAMES);
 * `padding` is the zero padding per side in pixels; `kernel` is the window (pool size too): text like
 * "5×5" in kernelTooLarge (the reach of a dilated kernel), the size along the axis in strideDoesNotFit.
 */
export const ISSUE_VALUE_KEYS = {
  duplicateId: ['id'],
  unknownKind: ['kind'],
  unknownInput: ['input'],
  missingInput: [],
  wrongInputCount: ['expected', 'actual'],
  tooFewInputs: ['minimum', 'actual'],
  cycle: [],
  noInputBlock: [],
  multipleInputBlocks: ['count'],
  noOutput: [],
  multipleOutputs: ['count'],
  outputNotLast: ['next'],
  deadEnd: [],
  unreachable: [],
  invalidValue: ['field', 'value'],
  needsSpatialInput: ['shape'],
  denseNeedsFlatten: ['shape'],
  kernelTooLarge: ['kernel', 'padding', 'axis', 'input', 'height', 'width'],
  strideDoesNotFit: ['stride', 'kernel', 'padding', 'axis', 'input', 'dropped'], // a warning
  strideWithDilation: ['stride', 'dilation'],
  addShapeMismatch: ['shapes'],
  concatMismatch: ['shapes'],
  needsTokens: ['shape'],
  noTokens: ['shape'],
  headsDoNotDivide: ['heads', 'width'],
  biasBeforeBatchNorm: [], // a warning
  biasBeforeBatchNormMany: ['count', 'blocks'], // the same, said once for many blocks
  tooLarge: ['elements', 'limit'],
  tooManyParams: ['params', 'limit'],
} as const satisfies Record<string, readonly string[]>;

export type IssueCode = keyof typeof ISSUE_VALUE_KEYS;

/** Codes that warn but do not stop the network from training. */
export const WARNING_CODES: readonly IssueCode[] = ['strideDoesNotFit', 'biasBeforeBatchNorm', 'biasBeforeBatchNormMany'];

/**
 * The fields an invalidValue issue may name beside the block kinds' own editable fields (those are each
 * module's `fields`); the i18n 'model' namespace has field.<name> and hint.<name> for all of them.
 */
export const FIELD_NAMES = ['id', 'inputShape', 'numClasses'] as const;

export type FieldName = (typeof FIELD_NAMES)[number];

export const ISSUE_CODES = Object.keys(ISSUE_VALUE_KEYS) as readonly IssueCode[];

/** Tensors and weight counts beyond this are refused: no browser could hold them (2^31 elements). */
export const SIZE_LIMIT = 2 ** 31;

export function makeIssue(
  code: IssueCode,
  blockId: string | null,
  values: Record<string, number | string> = {},
  severity: IssueSeverity = 'error',
): ModelIssue {
  return { code, blockId, values, severity };
}

/** "7×7×16": language-neutral, so sentences in any language can embed it. */
export function formatShape(shape: Shape): string {
  return shape.join('×');
}

/** A value from a possibly garbage spec, made printable in a sentence without ever throwing. */
export function describeValue(value: unknown): number | string {
  if (typeof value === 'number') return value;
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value); // BigInt, cyclic objects
  }
  // A pasted novel in an id field should not become a novel in the message.
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Product of the dimensions; large values are fine here (checked against SIZE_LIMIT by callers). */
export function countElements(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}
