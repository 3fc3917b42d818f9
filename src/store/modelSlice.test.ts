import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/spec';
import { createAppStore, selectCanTrain } from './appStore';

const fresh = (presetId = 'tinyCnn') => createAppStore({ language: 'en', presetId });
const ids = (store: ReturnType<typeof fresh>) => store.getState().spec.blocks.map((b) => b.id);

describe('model slice editing', () => {
  it('builds a residual network from the empty canvas, step by step, each step undoable', () => {
    const store = fresh();
    const s = () => store.getState();
    s().loadEmpty();
    expect(ids(store)).toEqual(['input', 'output']);
    expect(s().analysis.valid).toBe(false); // softmax straight on the image: needs a flatten
    const conv = s().addBlock('conv2d', { after: 'input' });
    expect(conv).toBe('conv1');
    expect(s().selection).toEqual(['conv1']);
    const add = s().addBlock('add', { after: 'conv1' })!;
    // conv1's 16 channels cannot be summed with the input's 1: refused, with the reason, nothing changed.
    expect(s().connectBlocks('input', add)).toMatchObject({ ok: false, code: 'addShapeMismatch' });
    expect(s().refusal).toMatchObject({ from: 'input', to: add, code: 'addShapeMismatch' });
    s().updateBlock('conv1', { filters: 1 });
    expect(s().connectBlocks('input', add)).toEqual({ ok: true }); // the skip connection
    expect(s().refusal).toBeNull();
    s().addBlock('flatten', { after: add });
    expect(s().spec.blocks.find((b) => b.id === 'add1')?.inputs).toEqual(['conv1', 'input']);
    expect(s().analysis.valid).toBe(true);
    expect(selectCanTrain(s())).toBe(true);
    const steps = s().history.past.length;
    expect(steps).toBe(6); // loading the empty canvas is a step too
    for (let i = 0; i < steps - 1; i++) s().undo();
    expect(ids(store)).toEqual(['input', 'output']);
    s().redo();
    expect(ids(store)).toContain('conv1');
  });

  it('refuses a connection that would close a loop, says why, and keeps the network', () => {
    const store = fresh();
    const before = store.getState().spec;
    expect(store.getState().connectBlocks('flatten', 'act1')).toMatchObject({ ok: false, code: 'cycle' });
    expect(store.getState().spec).toBe(before);
    expect(store.getState().refusal).toMatchObject({ from: 'flatten', to: 'act1', code: 'cycle' });
  });

  it('replaces the input of a single-input block when the new one fits', () => {
    const store = fresh();
    expect(store.getState().connectBlocks('conv1', 'pool1')).toEqual({ ok: true });
    expect(store.getState().spec.blocks.find((b) => b.id === 'pool1')?.inputs).toEqual(['conv1']);
    expect(store.getState().connectBlocks('pool1', 'output')).toMatchObject({ ok: false, code: 'denseNeedsFlatten' });
  });

  it('refuses dense straight after a convolution with the reason', () => {
    const store = fresh();
    const dense = store.getState().addBlock('dense')!;
    const result = store.getState().connectBlocks('conv1', dense);
    expect(result).toMatchObject({ ok: false, code: 'denseNeedsFlatten' });
  });

  it('loading a preset is undoable', () => {
    const store = fresh();
    const before = store.getState().spec;
    store.getState().loadPreset('lenet5');
    expect(store.getState().presetId).toBe('lenet5');
    store.getState().undo();
    expect(store.getState().spec).toBe(before);
  });

  it('merges typing into one field into one undo step', () => {
    const store = fresh();
    const s = () => store.getState();
    for (const filters of [1, 12, 128]) s().updateBlock('conv1', { filters });
    s().undo();
    expect(s().spec.blocks.find((b) => b.id === 'conv1')).toMatchObject({ filters: 8 });
  });

  it('removing blocks drops them from the selection; duplicate selects the copies', () => {
    const store = fresh();
    const s = () => store.getState();
    s().select(['conv1', 'act1', 'ghost']);
    expect(s().selection).toEqual(['conv1', 'act1']);
    const copies = s().duplicateBlocks(['conv1', 'act1']);
    expect(copies).toHaveLength(2);
    expect(s().selection).toEqual(copies);
    s().removeBlocks(copies);
    expect(s().selection).toEqual([]);
  });

  it('is view-only while a run uses the network', () => {
    const store = fresh();
    store.getState().runStarted(1);
    const before = store.getState().spec;
    expect(store.getState().addBlock('conv2d')).toBeNull();
    store.getState().removeBlocks(['conv1']);
    store.getState().undo();
    expect(store.getState().connectBlocks('input', 'flatten')).toBeNull();
    expect(store.getState().spec).toBe(before);
  });

  it('keeps the network when an edit is nonsense', () => {
    const store = fresh();
    const s = () => store.getState();
    s().updateBlock('conv1', { filters: 'many', kernel: -3, stride: null });
    expect(s().analysis.valid).toBe(false);
    expect(s().analysis.issues.some((i) => i.blockId === 'conv1')).toBe(true);
    s().undo();
    expect(s().analysis.valid).toBe(true);
  });

  it('refuses edits that trip over a garbage spec instead of throwing', () => {
    const store = fresh();
    const s = () => store.getState();
    const garbage = { blocks: [{ id: 'input', kind: 'input', inputs: [] }, { id: 'x', kind: 'conv2d', inputs: 'input' }] };
    s().setSpec(garbage as unknown as ModelSpec);
    expect(s().analysis.valid).toBe(false);
    const before = s().spec;
    expect(() => s().removeBlocks(['input'])).not.toThrow();
    expect(() => s().connectBlocks('input', 'x')).not.toThrow();
    expect(() => s().duplicateBlocks(['x'])).not.toThrow();
    expect(s().spec.blocks.map((b) => b.id)).toEqual(expect.arrayContaining(before.blocks.map((b) => b.id)));
    s().undo();
    expect(s().analysis.valid).toBe(true);
  });
});
