// The grid detector head: on a 64x64 scene brought down to 8x8 it gives 5 + 10 numbers per cell (the
// background has no box), its parameter count, its formulas, and model.py keeps the raw grid as the
// app does (predict_proba is not a softmax over the grid) with a decode_grid helper.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { pytorchModelPy } from '../codegen/pytorchModel';
import type { ModelSpec } from '../model/spec';
import { gridChannels, objectClasses } from './gridDetect';

const scenes = { inputShape: [64, 64, 1], numClasses: 11 } as const;
const net: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'c', kind: 'conv2d', inputs: ['in'], filters: 6, kernel: 3, stride: 8, padding: 'same' },
    { id: 'det', kind: 'griddetect', inputs: ['c'] },
  ],
};

describe('grid detector head', () => {
  it('gives 5 + K numbers per cell, K the classes but the background', () => {
    expect([objectClasses(scenes), gridChannels(scenes)]).toEqual([10, 15]);
    expect(gridChannels({ inputShape: [8, 8, 1], numClasses: 1 })).toBe(6);
    const a = analyzeModel(net, scenes);
    expect(a.valid).toBe(true);
    const head = a.blocks.find((b) => b.id === 'det');
    expect(head?.outputShape).toEqual([8, 8, 15]);
    expect(head?.shapeFormula).toBe('8×8×(5 + 10)');
    expect(head?.params.trainable).toBe(6 * 15 + 15);
    expect(head?.paramsFormula).toBe('1*1*6*15 + 15 = 105');
  });

  it('refuses a flat input', () => {
    const flat: ModelSpec = { blocks: [net.blocks[0]!, { id: 'f', kind: 'flatten', inputs: ['in'] }, { id: 'det', kind: 'griddetect', inputs: ['f'] }] };
    expect(analyzeModel(flat, scenes).valid).toBe(false);
  });

  it('model.py returns the raw grid from predict_proba and ships decode_grid', () => {
    const py = pytorchModelPy(net, analyzeModel(net, scenes), scenes);
    expect(py).toContain('nn.Conv2d(6, 15, kernel_size=1)');
    expect(py).toContain('def decode_grid(grid):');
    expect(py).toMatch(/def predict_proba\(self, x\):\n\s+return self\.forward\(x\)/);
    expect(py).not.toContain('torch.softmax(self.forward(x), dim=1)');
  });
});
