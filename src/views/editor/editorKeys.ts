// Keyboard shortcuts of the editor, as a pure map from a key press to a command, so the table is testable
// without a browser and reads in one place.

export type EditorCommand =
  | { type: 'undo' } | { type: 'redo' } | { type: 'duplicate' } | { type: 'delete' } | { type: 'selectAll' }
  | { type: 'connect' } | { type: 'escape' } | { type: 'move'; dx: number; dy: number }
  | { type: 'pick'; additive: boolean };

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** Pixels an arrow key moves the selection; with Shift, a block's width or so. */
export const STEP = 20;
export const BIG_STEP = 100;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
};

/** `onNode`: the key was pressed on a focused block (Enter / Space then select it). */
export function commandFor(e: KeyPress, onNode: boolean): EditorCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (key === 'y') return { type: 'redo' };
    if (key === 'd') return { type: 'duplicate' };
    if (key === 'a') return { type: 'selectAll' };
    return null;
  }
  if (e.altKey) return null;
  if (key === 'Delete' || key === 'Backspace') return { type: 'delete' };
  if (key === 'Escape') return { type: 'escape' };
  if (key === 'c') return { type: 'connect' };
  if (onNode && (key === 'Enter' || key === ' ')) return { type: 'pick', additive: e.shiftKey };
  const arrow = ARROWS[key];
  if (arrow) {
    const step = e.shiftKey ? BIG_STEP : STEP;
    return { type: 'move', dx: arrow[0] * step, dy: arrow[1] * step };
  }
  return null;
}

/** Typing into a field must never delete blocks or move them. */
export function isTextTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: unknown } | null;
  if (el === null || typeof el.tagName !== 'string') return false;
  return el.isContentEditable === true || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}
