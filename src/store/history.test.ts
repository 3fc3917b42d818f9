import { describe, expect, it } from 'vitest';
import { emptyHistory, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = emptyHistory<string>();
    h = record(h, 'a');
    h = record(h, 'b'); // now at 'c'
    const u1 = undo(h, 'c');
    expect(u1?.value).toBe('b');
    const u2 = undo(u1!.history, 'b');
    expect(u2?.value).toBe('a');
    expect(undo(u2!.history, 'a')).toBeNull();
    const r1 = redo(u2!.history, 'a');
    expect(r1?.value).toBe('b');
    expect(redo(r1!.history, 'b')?.value).toBe('c');
  });
  it('a new edit clears the redo stack', () => {
    const h = record(emptyHistory<string>(), 'a');
    const u = undo(h, 'b')!;
    const after = record(u.history, 'a');
    expect(redo(after, 'x')).toBeNull();
  });
  it('merges edits with the same key into one step', () => {
    let h = emptyHistory<string>();
    h = record(h, '1', 'field');
    h = record(h, '12', 'field');
    h = record(h, '128', 'field');
    expect(h.past).toEqual(['1']);
    expect(undo(h, '1280')?.value).toBe('1');
    h = record(h, '1280', 'other');
    expect(h.past).toEqual(['1', '1280']);
  });
  it('does not merge across an undo', () => {
    let h = record(emptyHistory<string>(), 'a', 'k');
    h = undo(h, 'b')!.history;
    h = record(h, 'a', 'k');
    expect(h.past).toEqual(['a']);
    expect(h.lastKey).toBe('k');
  });
  it('keeps at most `cap` steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = record(h, i, null, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
