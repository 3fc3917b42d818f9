// Undo / redo as two stacks of past and future values. Values are immutable specs, so a snapshot is just a
// reference: no diffing, and restoring can never half-apply. `key` lets a run of like edits (typing into one
// field) collapse into a single undo step.

export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** The key of the last recorded edit, for coalescing; null after undo / redo or a keyless edit. */
  readonly lastKey: string | null;
}

export const HISTORY_CAP = 100;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null };
}

/**
 * Records that `before` was replaced by a new value. An edit with the same key as the previous one joins it
 * (the older snapshot stays the undo target); the redo stack is cleared, as in every editor.
 */
export function record<T>(h: History<T>, before: T, key: string | null = null, cap = HISTORY_CAP): History<T> {
  if (key !== null && key === h.lastKey && h.past.length > 0) return { ...h, future: [] };
  const past = [...h.past, before];
  return { past: past.length > cap ? past.slice(past.length - cap) : past, future: [], lastKey: key };
}

export function undo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  if (h.past.length === 0) return null;
  const value = h.past[h.past.length - 1] as T;
  return { value, history: { past: h.past.slice(0, -1), future: [current, ...h.future], lastKey: null } };
}

export function redo<T>(h: History<T>, current: T): { history: History<T>; value: T } | null {
  if (h.future.length === 0) return null;
  const [value, ...future] = h.future;
  return { value: value as T, history: { past: [...h.past, current], future, lastKey: null } };
}
