// What the inspector may edit on each kind of block: one descriptor per field (type, range, options,
// default), a block with sensible defaults for a new node, and validation as you type. The ranges are
// the editor's (what makes sense to type here), narrower than what the core accepts from a link.
import { ACTIVATION_FNS, INIT_NAMES } from './shapes';
import type { BlockKind, BlockSpec, ModelSpec } from './spec';

export type FieldType = 'int' | 'number' | 'size2' | 'padding' | 'enum' | 'bool';

export interface FieldDescriptor {
  /** The block property; its label and hint are field.<name> / hint.<name> in the 'model' namespace. */
  readonly name: string;
  readonly type: FieldType;
  /** Bounds for int / number / size2 (each axis) / padding (explicit pixels). */
  readonly min?: number;
  readonly max?: number;
  /** True when the bound itself is not allowed (dropout rate < 1). */
  readonly maxExclusive?: boolean;
  /** For enum: the values (labels: activation.<v> or init.<v>). */
  readonly options?: readonly string[];
  readonly default: number | string | boolean;
  /** Shown only when another field has one of these values (alpha only for leaky ReLU and ELU). */
  readonly when?: { readonly field: string; readonly values: readonly string[] };
}

/** Problems validateField reports; sentences under fieldProblem.<code> (tooSmall uses min, tooLarge max). */
export const FIELD_PROBLEMS = ['notANumber', 'notWhole', 'tooSmall', 'tooLarge', 'notAnOption', 'unknownField'] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

const activationField = (name: string, fallback: string): FieldDescriptor =>
  ({ name, type: 'enum', options: ACTIVATION_FNS, default: fallback });
const initField: FieldDescriptor = { name: 'init', type: 'enum', options: INIT_NAMES, default: 'glorotUniform' };
const useBias: FieldDescriptor = { name: 'useBias', type: 'bool', default: true };
const padding = (fallback: string): FieldDescriptor => ({ name: 'padding', type: 'padding', min: 0, max: 10, default: fallback });
const window = (name: string, max: number, fallback: number): FieldDescriptor =>
  ({ name, type: 'size2', min: 1, max, default: fallback });

export const BLOCK_FIELDS: Readonly<Record<BlockKind, readonly FieldDescriptor[]>> = {
  input: [],
  conv2d: [
    { name: 'filters', type: 'int', min: 1, max: 1024, default: 16 },
    window('kernel', 15, 3),
    window('stride', 8, 1),
    padding('same'),
    window('dilation', 8, 1),
    useBias,
    activationField('activation', 'linear'),
    initField,
  ],
  activation: [
    activationField('fn', 'relu'),
    { name: 'alpha', type: 'number', min: 0, max: 10, default: 0.01, when: { field: 'fn', values: ['leakyRelu', 'elu'] } },
  ],
  maxpool2d: [window('size', 8, 2), window('stride', 8, 2), padding('valid')],
  avgpool2d: [window('size', 8, 2), window('stride', 8, 2), padding('valid')],
  globalavgpool: [],
  globalmaxpool: [],
  dropout: [{ name: 'rate', type: 'number', min: 0, max: 1, maxExclusive: true, default: 0.5 }],
  batchnorm: [
    { name: 'momentum', type: 'number', min: 0, max: 1, default: 0.99 },
    { name: 'epsilon', type: 'number', min: 1e-6, max: 0.1, default: 1e-3 },
  ],
  add: [],
  concat: [],
  flatten: [],
  dense: [{ name: 'units', type: 'int', min: 1, max: 4096, default: 64 }, useBias, activationField('activation', 'linear'), initField],
  softmax: [initField],
};

/** Alpha when a block leaves it out: leaky ReLU's slope 0.01 (Keras would use 0.3), ELU's 1. */
export const DEFAULT_ALPHA: Readonly<Record<'leakyRelu' | 'elu', number>> = { leakyRelu: 0.01, elu: 1 };

/**
 * A new block of the given kind with every field at its default. An ELU's alpha starts at 1, a leaky
 * ReLU's at 0.01; the alpha field is left out for the other functions.
 */
export function defaultBlock(kind: BlockKind, id: string, inputs: readonly string[]): BlockSpec {
  const values: Record<string, unknown> = {};
  for (const field of BLOCK_FIELDS[kind]) if (field.when === undefined) values[field.name] = field.default;
  return { ...values, kind, id, inputs: [...inputs] } as BlockSpec;
}

/** The descriptor of a field of a kind, or undefined. */
export function fieldOf(kind: BlockKind, name: string): FieldDescriptor | undefined {
  return BLOCK_FIELDS[kind]?.find((f) => f.name === name);
}

function checkNumber(field: FieldDescriptor, value: unknown, whole: boolean): FieldProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'notANumber';
  if (whole && !Number.isInteger(value)) return 'notWhole';
  if (field.min !== undefined && value < field.min) return 'tooSmall';
  if (field.max !== undefined && (field.maxExclusive === true ? value >= field.max : value > field.max)) return 'tooLarge';
  return null;
}

/** Validation as you type: the problem with `value` for this field of this kind, or null when it is fine. */
export function validateField(kind: BlockKind, name: string, value: unknown): FieldProblem | null {
  const field = fieldOf(kind, name);
  if (field === undefined) return 'unknownField';
  switch (field.type) {
    case 'int':
      return checkNumber(field, value, true);
    case 'number':
      return checkNumber(field, value, false);
    case 'size2': {
      if (Array.isArray(value)) {
        if (value.length !== 2) return 'notANumber';
        return checkNumber(field, value[0], true) ?? checkNumber(field, value[1], true);
      }
      return checkNumber(field, value, true);
    }
    case 'padding':
      return value === 'valid' || value === 'same' ? null : checkNumber(field, value, true);
    case 'enum':
      return field.options?.includes(value as string) === true ? null : 'notAnOption';
    case 'bool':
      return typeof value === 'boolean' ? null : 'notAnOption';
  }
}

/**
 * The spec with the bias turned off in every conv / dense block that feeds a batch norm block, as
 * torchvision's ResNets have it: the editor calls this when a batch norm is placed after such a block,
 * so the default is "no bias" there (the core warns with biasBeforeBatchNorm otherwise).
 */
export function dropBiasBeforeBatchNorm(spec: ModelSpec): ModelSpec {
  const feedsNorm = new Set(spec.blocks.filter((b) => b.kind === 'batchnorm').flatMap((b) => b.inputs));
  const blocks = spec.blocks.map((b) =>
    ((b.kind === 'conv2d' || b.kind === 'dense') && feedsNorm.has(b.id) && b.useBias !== false ? { ...b, useBias: false } : b));
  return { ...spec, blocks };
}
