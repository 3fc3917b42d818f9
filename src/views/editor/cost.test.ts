import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { measureModel } from '../../model/cost';
import { lenet5Mnist } from '../../model/presets';
import { MNIST_SHAPE } from '../../store/modelSlice';
import { costText } from './cost';

describe('costText', () => {
  it('words the first LeNet convolution: 2 FLOPs per multiply-add, float32 bytes, a 5×5 field', () => {
    const spec = lenet5Mnist();
    const cost = measureModel(spec, analyzeModel(spec, MNIST_SHAPE), MNIST_SHAPE);
    const conv1 = cost.blocks.find((b) => b.id === 'conv1')!;
    const text = costText(conv1);
    expect(text.macs).toBe(28 * 28 * 6 * 5 * 5 * 1);
    expect(text.flops).toBe(2 * text.macs);
    expect(text.bytes).toBe(28 * 28 * 6 * 4);
    expect(text.receptiveField).toBe('5×5');
  });
});

