import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { lenet5Mnist } from '../../model/presets';
import { chain, conv2d, dense, flatten, input, softmax } from '../../model/presets';
import { ASSUMED_MACS_PER_SECOND, estimateRun, MEMORY_LIMIT_BYTES } from './estimate';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;
const lenetSpec = lenet5Mnist();
const lenet = { spec: lenetSpec, data: MNIST, analysis: analyzeModel(lenetSpec, MNIST) };

describe('estimateRun', () => {
  it('counts LeNet-5 by hand: multiply-adds, activations, memory', () => {
    const e = estimateRun({ ...lenet, hyper: { batchSize: 64, optimizer: 'adam' }, trainCount: 60_000, backend: 'wasm' });
    // conv 28*28*150 + 10*10*2400, dense 48,000 + 10,080 + 840: one per weight use, as the core counts them
    // (cost.ts, the same figure the canvas and the summary show)
    expect(e.forwardMacs).toBe(117_600 + 240_000 + 48_000 + 10_080 + 840);
    expect(e.params).toBe(61_706);
    const floats = 784 + 4_704 * 2 + 1_176 + 1_600 * 2 + 400 * 2 + 120 * 2 + 84 * 2 + 10;
    expect(e.activationFloats).toBe(floats);
    expect(e.memoryBytes).toBe(61_706 * 4 * 4 + floats * 4 * 64 * 2);
    expect(e.secondsPerEpoch).toBeCloseTo((60_000 * 3 * e.forwardMacs) / ASSUMED_MACS_PER_SECOND.wasm, 6);
    expect(e.refused).toBe(false);
  });

  it('grows with the batch and the optimizer slots, and uses a measured speed when there is one', () => {
    const base = { ...lenet, trainCount: 60_000, backend: 'wasm' } as const;
    const small = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'sgd' } });
    const big = estimateRun({ ...base, hyper: { batchSize: 256, optimizer: 'sgd' } });
    const adam = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'adam' } });
    expect(big.memoryBytes - small.memoryBytes).toBe(small.activationFloats * 4 * 2 * (256 - 32));
    expect(adam.memoryBytes - small.memoryBytes).toBe(61_706 * 4 * 2);
    const measured = estimateRun({ ...base, hyper: { batchSize: 32, optimizer: 'sgd' }, measuredMacsPerSecond: 1e9 });
    expect(measured.secondsPerEpoch).toBeCloseTo((60_000 * 3 * measured.forwardMacs) / 1e9, 6);
  });

  it('refuses a network too large for the backend, judging auto by the smallest limit', () => {
    const hugeSpec = chain(input(), conv2d(256, 3, { padding: 'same' }), conv2d(256, 3, { padding: 'same' }), flatten(), dense(64), softmax());
    const huge = { spec: hugeSpec, data: MNIST, analysis: analyzeModel(hugeSpec, MNIST) };
    expect(huge.analysis.valid).toBe(true);
    const e = estimateRun({ ...huge, hyper: { batchSize: 512, optimizer: 'adam' }, trainCount: 60_000, backend: 'auto' });
    expect(e.memoryBytes).toBeGreaterThan(MEMORY_LIMIT_BYTES.webgl);
    expect(e.refused).toBe(true);
    expect(e.limitBytes).toBe(Math.min(...Object.values(MEMORY_LIMIT_BYTES)));
    const smallBatch = estimateRun({ ...huge, hyper: { batchSize: 8, optimizer: 'adam' }, trainCount: 60_000, backend: 'wasm' });
    expect(smallBatch.refused).toBe(false);
  });
});
