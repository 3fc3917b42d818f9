// What the inspector may edit on each kind of block: one descriptor per field (type, range, options,
// default), a block with sensible defaults for a new node, and validation as you type. The ranges are
// the editor's (what makes sense to type here), narrower than what the core accepts from a link.
import { BLOCK_MODULES, blockModuleOf } from '../blocks/registry';
import type { FieldDescriptor } from '../blocks/types';
import type { BlockKind, BlockSpec, ModelSpec } from './spec';

export type { FieldDescriptor, FieldType } from '../blocks/types';
export { DEFAULT_ALPHA } from '../blocks/common/options';

/** Problems validateField reports; sentences under fieldProblem.<code> (tooSmall uses min, tooLarge max). */
export const FIELD_PROBLEMS = ['notANumber', 'notWhole', 'tooSmall', 'tooLarge', 'notAnOption', 'unknownField'] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/** Each kind's fields, from its module. */
export const BLOCK_FIELDS: Readonly<Record<BlockKind, readonly FieldDescriptor[]>> =
  Object.fromEntries(BLOCK_MODULES.map((m) => [m.kind, m.fields])) as Record<BlockKind, readonly FieldDescriptor[]>;

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
  const feedsNorm = new Set(spec.blocks.filter((b) => blockModuleOf(b.kind)?.cancelsBias === true).flatMap((b) => b.inputs));
  const blocks = spec.blocks.map((b) =>
    (hasBiasSwitch(b.kind) && feedsNorm.has(b.id) && (b as { useBias?: boolean }).useBias !== false ? { ...b, useBias: false } : b));
  return { ...spec, blocks };
}

/** Kinds whose bias the student may switch off (conv, dense): those with a useBias field. */
export function hasBiasSwitch(kind: string): boolean {
  return blockModuleOf(kind)?.fields.some((f) => f.name === 'useBias') === true;
}
