import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { lenet5Mnist } from '../model/presets';
import { chain, conv2d, dense, flatten, input, softmax } from '../model/presets';
import { ASSUMED_MACS_PER_SECOND, estimateRun, MEMORY_LIMIT_BYTES } from './estimate';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;
const lenet = analyzeModel(lenet5Mnist(), MNIST);

describe('estimateRun', () => {
  it('counts LeNet-5 by hand: multiply-adds, activations, memory', () => {
    const e = estimateRun({ analysis: lenet, hyper: { batchSize: 64, optimizer: 'adam' }, trainCount: 60_000, backend: 'wasm' });
    // conv 28*28*150 + 10*10*2400, dense 48,120 + 10,164 + 850, and one op per output of relu / pool / flatten
    const convAndDense = 117_600 + 240_000 + 48_120 + 10_164 + 850;
    const elementwise = 4_704 + 1_176 + 1_600 + 400 + 400 + 120 + 84;
    expect(e.forwardMacs).toBe(convAndDense + elementwise);
    expect(e.params).toBe(61_706);
    const floats = 784 + 4_704 * 2 + 1_176 + 1_600 * 2 + 400 * 2 + 120 * 2 + 84 * 2 + 10;
    expect(e.activationFloats).toBe(floats);
    expect(e.memoryBytes).toBe(61_706 * 4 * 4 + floats * 4 * 64 * 2);
    expect(e.secondsPerEpoch).toBeCloseTo((60_000 * 3 * e.forwardMacs) / ASSUMED_MACS_PER_SECOND.wasm, 6);
    expect(e.refused).toBe(false);
  });

  it('grows with the batch and the optimizer slots, and uses a measured speed when there is one', () => {
    const base = { analysis: lenet, trainCount: 60_000, backend: 'wasm' } as const;
    const small = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'sgd' } });
    const big = estimateRun({ ...base, hyper: { batchSize: 256, optimizer: 'sgd' } });
    const adam = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'adam' } });
    expect(big.memoryBytes - small.memoryBytes).toBe(small.activationFloats * 4 * 2 * (256 - 32));
    expect(adam.memoryBytes - small.memoryBytes).toBe(61_706 * 4 * 2);
    const measured = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'sgd' }, measuredMacsPerSecond: 1e9 });
    expect(measured.secondsPerEpoch).toBeCloseTo((60_000 * 3 * measured.forwardMacs) / 1e9, 6);
  });

  it('refuses a network too large for the backend, judging auto by the smallest limit', () => {
    const huge = analyzeModel(chain(input(), conv2d(256, 3, { padding: 'same' }), conv2d(256, 3, { padding: 'same' }),
      flatten(), dense(64), softmax()), MNIST);
    expect(huge.valid).toBe(true);
    const e = estimateRun({ analysis: huge, hyper: { batchSize: 512, optimizer: 'adam' }, trainCount: 60_000, backend: 'auto' });
    expect(e.memoryBytes).toBeGreaterThan(MEMORY_LIMIT_BYTES.webgl);
    expect(e.refused).toBe(true);
    expect(e.limitBytes).toBe(Math.min(...Object.values(MEMORY_LIMIT_BYTES)));
    const smallBatch = estimateRun({ analysis: huge, hyper: { batchSize: 8, optimizer: 'adam' }, trainCount: 60_000, backend: 'wasm' });
    expect(smallBatch.refused).toBe(false);
  });
});
