import { describe, expect, it } from 'vitest';
import { tinyCnn } from '../../model/presets';
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
});
