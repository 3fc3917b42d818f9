import { describe, expect, it } from 'vitest';
import { BIG_STEP, commandFor, isTextTarget, STEP, type KeyPress } from './editorKeys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress =>
  ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('commandFor', () => {
  it('maps undo, redo, duplicate and select-all with Ctrl or Cmd', () => {
    expect(commandFor(press('z', { ctrlKey: true }), false)).toEqual({ type: 'undo' });
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ type: 'redo' });
    expect(commandFor(press('y', { metaKey: true }), false)).toEqual({ type: 'redo' });
    expect(commandFor(press('d', { ctrlKey: true }), false)).toEqual({ type: 'duplicate' });
    expect(commandFor(press('a', { ctrlKey: true }), false)).toEqual({ type: 'selectAll' });
    expect(commandFor(press('x', { ctrlKey: true }), false)).toBeNull();
  });
  it('maps delete, escape and connect', () => {
    expect(commandFor(press('Delete'), false)).toEqual({ type: 'delete' });
    expect(commandFor(press('Backspace'), true)).toEqual({ type: 'delete' });
    expect(commandFor(press('Escape'), false)).toEqual({ type: 'escape' });
    expect(commandFor(press('c'), true)).toEqual({ type: 'connect' });
    expect(commandFor(press('C', { shiftKey: true }), true)).toEqual({ type: 'connect' });
  });
  it('moves by a step, or a big step with Shift', () => {
    expect(commandFor(press('ArrowLeft'), true)).toEqual({ type: 'move', dx: -STEP, dy: 0 });
    expect(commandFor(press('ArrowDown', { shiftKey: true }), true)).toEqual({ type: 'move', dx: 0, dy: BIG_STEP });
  });
  it('Enter and Space select only on a block; Shift adds to the selection', () => {
    expect(commandFor(press('Enter'), true)).toEqual({ type: 'pick', additive: false });
    expect(commandFor(press(' ', { shiftKey: true }), true)).toEqual({ type: 'pick', additive: true });
    expect(commandFor(press('Enter'), false)).toBeNull();
  });
  it('leaves Alt combinations and other keys to the browser', () => {
    expect(commandFor(press('ArrowLeft', { altKey: true }), true)).toBeNull();
    expect(commandFor(press('q'), true)).toBeNull();
  });
});

describe('isTextTarget', () => {
  it('recognises fields, where keys are typing', () => {
    expect(isTextTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTextTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTextTarget(null)).toBe(false);
  });
});
