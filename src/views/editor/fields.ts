// From what a student types to a field's value: the core owns the descriptors and the range checks
// (src/model/blockFields.ts); this only reads text ("3", "3x5", "same") and words nothing itself.
import { BLOCK_FIELDS, validateField, type FieldDescriptor, type FieldProblem } from '../../model/blockFields';
import type { BlockKind, BlockSpec } from '../../model/spec';

export type { FieldDescriptor };

/** A problem with typed text: the core's range / type problems, or text that is no size / padding at all. */
export type TextProblem = FieldProblem | 'size2' | 'padding';

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: TextProblem };

/** The fields the inspector shows for a block now (alpha only for leaky ReLU and ELU, as the core says). */
export function visibleFields(block: BlockSpec): readonly FieldDescriptor[] {
  const values = block as unknown as Record<string, unknown>;
  return (BLOCK_FIELDS[block.kind] ?? []).filter((f) => {
    if (f.when === undefined) return true;
    const other = (BLOCK_FIELDS[block.kind] ?? []).find((o) => o.name === f.when?.field);
    const current = values[f.when.field] ?? other?.default;
    return f.when.values.includes(current as string);
  });
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const toNumber = (text: string): number => (NUMBER.test(text.trim()) ? Number(text.trim()) : NaN);

function read(f: FieldDescriptor, text: string): Parsed {
  const t = text.trim().toLowerCase();
  if (f.type === 'padding' && (t === 'valid' || t === 'same')) return { ok: true, value: t };
  if (f.type === 'padding' && !NUMBER.test(t)) return { ok: false, problem: 'padding' };
  if (f.type === 'size2') {
    // "3" is 3×3; "3x5", "3×5" or "3,5" is 3 high and 5 wide.
    const parts = t.split(/\s*[x×,]\s*/);
    if (parts.length > 2 || parts.some((p) => !NUMBER.test(p))) return { ok: false, problem: 'size2' };
    const [h, w] = parts.map(Number) as [number, number?];
    return { ok: true, value: w === undefined || w === h ? h : [h, w] };
  }
  return { ok: true, value: toNumber(t) };
}

/** Turns typed text into a value the core accepts for this field, or says what is wrong with it. */
export function parseField(kind: BlockKind, f: FieldDescriptor, text: string): Parsed {
  const parsed = read(f, text);
  if (!parsed.ok) return parsed;
  const problem = validateField(kind, f.name, parsed.value);
  return problem === null ? parsed : { ok: false, problem };
}

/** How a stored value (or the field's default when unset) reads in a text box. */
export function formatField(f: FieldDescriptor, value: unknown): string {
  const v = value ?? f.default;
  return Array.isArray(v) ? v.join('×') : String(v);
}
