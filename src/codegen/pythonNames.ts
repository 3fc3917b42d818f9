// Block ids become Python identifiers (module attributes and local variables of forward()): anything
// outside [A-Za-z0-9_] becomes '_', a leading digit or a Python keyword / name the generated code uses
// gets a suffix, and two ids that end up alike are told apart by a counter.
import type { ModelSpec } from '../model/spec';

const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
  // names the generated files use themselves
  'self', 'x', 'input', 'nn', 'F', 'torch', 'tf', 'keras', 'layers', 'model', 'inputs', 'outputs', 'forward',
  'training', 'super', 'print', 'type', 'len', 'list', 'dict', 'float', 'int', 'str', 'math',
]);

export function pythonNames(ids: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    let base = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base)) base = `b_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(id, name);
  }
  return names;
}

/**
 * The Python name of every block of a network, the one naming that model.py, its weights file and the
 * Keras model.py all use: named in spec order, so the counter that tells two alike ids apart ("a-b" and
 * "a_b") gives each the same name in every file, whatever order a file writes the blocks in.
 */
export function pythonBlockNames(spec: ModelSpec): Map<string, string> {
  return pythonNames(spec.blocks.map((b) => b.id));
}

/**
 * A Python string literal for any text (ids are free text in the editor). JSON's escapes (\\ \" \n \uXXXX,
 * lone surrogates included) all mean the same in a Python literal, and it leaves no quote or line break open.
 */
export const pyString = (text: string): string => JSON.stringify(text);

// Characters that must not appear raw inside a generated docstring: the quote and backslash that could end it
// or start an escape, every control character (a line break would end a comment, NUL is refused by the
// parser), the line and paragraph separators, and lone surrogates (which UTF-8 cannot carry).
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const DOC_UNSAFE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * User text (a project name) for the inside of a generated triple-quoted docstring: it reads the same once
 * Python has parsed the string, and can never close it, so nothing after it runs as code.
 */
export function pyDocText(text: string): string {
  return text.replace(DOC_UNSAFE, (ch) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A Python float literal that round-trips the number; refuses NaN and infinities, which have no literal. */
export function pyFloat(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a finite number: ${String(value)}`);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** A Python int literal; refuses anything but a safe integer (a project file may hold any JSON). */
export function pyInt(value: number): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`not a whole number: ${String(value)}`);
  return String(value);
}
