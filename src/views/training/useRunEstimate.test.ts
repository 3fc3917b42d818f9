import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { chain, conv2d, flatten, input, lenet5Mnist, softmax } from '../../model/presets';
import type { DataShape, ModelSpec } from '../../model/spec';
import { estimateRun, trainingMacsPerSecond } from '../../train/api/estimate';
import { runEstimate, type EstimateState } from './useRunEstimate';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const state = (spec: ModelSpec, measured: number | null): EstimateState => ({
  spec, data: MNIST, analysis: analyzeModel(spec, MNIST), batchSize: 64, optimizer: 'adam', backendChoice: 'auto',
  backendUsed: 'wasm', count: 60_000, measured,
});

describe('runEstimate after an edit', () => {
  it('estimates from measured multiply-adds per second: a bigger network takes longer, the same one as long as measured', () => {
    const lenet = lenet5Mnist();
    const lenetMacs = estimateRun({ ...state(lenet, null), hyper: { batchSize: 64, optimizer: 'adam' }, trainCount: 60_000, backend: 'wasm' }).forwardMacs;
    // LeNet-5 trained at 2,000 images per second on wasm.
    const measured = trainingMacsPerSecond(2000, lenetMacs);
    const same = runEstimate(state(lenet, measured))!;
    expect(same.secondsPerEpoch).toBeCloseTo(60_000 / 2000, 6);
    const bigger = chain(input(), conv2d(32, 5, { padding: 'same', activation: 'relu' }), conv2d(32, 5, { padding: 'same' }), flatten(), softmax());
    const big = runEstimate(state(bigger, measured))!;
    expect(big.forwardMacs).toBeGreaterThan(10 * lenetMacs);
    expect(big.secondsPerEpoch / same.secondsPerEpoch).toBeCloseTo(big.forwardMacs / lenetMacs, 6);
  });

  it('uses the assumed speed for another backend or before any run', () => {
    const lenet = lenet5Mnist();
    const none = runEstimate(state(lenet, null))!;
    const other = runEstimate({ ...state(lenet, 1e12), backendChoice: 'cpu' })!;
    expect(other.secondsPerEpoch).toBeGreaterThan(none.secondsPerEpoch); // cpu's assumed speed, not the measured wasm one
    expect(runEstimate({ ...state(lenet, null), analysis: { ...state(lenet, null).analysis, valid: false } })).toBeNull();
  });
});
