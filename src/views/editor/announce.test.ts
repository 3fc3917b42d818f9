import { describe, expect, it } from 'vitest';
import { findPreset, tinyCnn } from '../../model/presets';
import { addBlock, connect, disconnect, moveBlocks, removeBlocks, updateBlock } from '../../store/editOps';
import { describeChange } from './announce';

describe('describeChange', () => {
  const spec = tinyCnn();
  it('names added and removed blocks', () => {
    const added = addBlock(spec, { id: 'drop1', kind: 'dropout', rate: 0.5, inputs: [] }, { after: 'flatten' });
    expect(describeChange(spec, added)).toEqual({ key: 'status.added', values: { ids: 'drop1' } });
    expect(describeChange(spec, removeBlocks(spec, ['act1', 'pool1']))).toEqual({ key: 'status.removed', values: { ids: 'act1, pool1' } });
  });
  it('names new and removed connections', () => {
    const replaced = connect(spec, 'conv1', 'pool1');
    expect(describeChange(spec, replaced)).toEqual({ key: 'status.connected', values: { edges: 'conv1 → pool1' } });
    expect(describeChange(spec, disconnect(spec, 'act1', 'pool1'))).toEqual({ key: 'status.disconnected', values: { edges: 'act1 → pool1' } });
  });
  it('says nothing about settings, positions or no change', () => {
    expect(describeChange(spec, updateBlock(spec, 'conv1', { filters: 4 }))).toBeNull();
    expect(describeChange(spec, moveBlocks(spec, { conv1: { x: 1, y: 1 } }))).toBeNull();
    expect(describeChange(spec, spec)).toBeNull();
  });

  it('says a whole network was opened when blocks both came and went', () => {
    const other: typeof spec = { blocks: [{ id: 'input', kind: 'input', inputs: [] },
      { id: 'flat9', kind: 'flatten', inputs: ['input'] }, { id: 'out9', kind: 'softmax', inputs: ['flat9'] }] };
    expect(describeChange(spec, other)).toEqual({ key: 'status.replaced', values: { count: '3' } });
  });

  it('says a whole network was opened when a larger one keeps the old ids (ResNet-18 to ResNet-50)', () => {
    const before = findPreset('resnet18')!.build();
    const after = findPreset('resnet50')!.build();
    const said = describeChange(before, after);
    expect(said?.key).toBe('status.replaced');
    expect(said?.values.count).toBe(String(after.blocks.length));
  });
  it('lists at most six ids', () => {
    const lenet = findPreset('lenet5')!.build();
    const removed = removeBlocks(lenet, lenet.blocks.slice(1).map((b) => b.id));
    expect(describeChange(lenet, removed)?.values.ids).toMatch(/^(\w+, ){6}… \(\d+\)$/);
  });
});
