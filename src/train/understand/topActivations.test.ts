// The maximally activating images are truly the top k (checked against a brute-force pass over every
// image), and their crops are the receptive fields the model core traces (hand-worked cases).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { measureModel } from '../../model/cost';
import { chain, conv2d, activation, input, flatten, softmax, lenet5Mnist } from '../../model/presets';
import { buildModel } from '../buildModel';
import { dataset, spec } from '../engineHarness';
import { layerOfBlock } from './adapter';
import { unitBox } from '../../model/receptiveField';
import { topActivations } from './topActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function bruteForce(model: tf.LayersModel, layerName: string, channel: number, k: number) {
  const { test } = dataset;
  const x = tf.tensor4d(Float32Array.from(test.images, (v) => v / 255), [test.count, 8, 8, 1]);
  // tfjs's own graph execution, not our layer-by-layer pass (the sub-model shares the weights: not disposed).
  const sub = tf.model({ inputs: model.inputs, outputs: model.getLayer(layerName).output as tf.SymbolicTensor });
  const out = sub.predict(x) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  const channels = out.shape[3] as number;
  const perImage = (values.length / test.count) / channels;
  const best: { index: number; value: number }[] = [];
  for (let i = 0; i < test.count; i++) {
    let max = -Infinity;
    for (let p = 0; p < perImage; p++) max = Math.max(max, values[(i * perImage + p) * channels + channel] as number);
    best.push({ index: i, value: max });
  }
  tf.dispose([x, out]);
  return best.sort((a, b) => b.value - a.value || a.index - b.index).slice(0, k);
}

describe('maximally activating images', () => {
  it('equal a brute-force pass over every test image, for every channel', async () => {
    const model = buildModel(spec, { inputShape: [8, 8, 1], numClasses: 4 }, 5).model;
    const layer = layerOfBlock(model, 'relu')!;
    for (let channel = 0; channel < 4; channel++) {
      const before = tf.memory().numTensors;
      const analysis = analyzeModel(spec, { inputShape: [8, 8, 1], numClasses: 4 });
      const boxOf = (row: number, col: number) => unitBox(spec, analysis, 'relu', row, col);
      const result = await topActivations(model, layer, dataset.test, [8, 8, 1], boxOf, { channel, k: 5, maxImages: 1000, batchSize: 10 });
      expect(tf.memory().numTensors).toBe(before);
      const expected = await bruteForce(model, 'relu', channel, 5);
      expect(result!.top.map((t) => t.index)).toEqual(expected.map((e) => e.index));
      result!.top.forEach((t, i) => expect(t.value).toBeCloseTo(expected[i]!.value, 5));
      expect(result!.searched).toBe(64);
      // Every box is the 3x3 field of a unit of the valid 3x3 conv, inside the 8x8 image.
      for (let i = 0; i < 5; i++) {
        const [top, left, height, width] = result!.boxes.subarray(i * 4, i * 4 + 4);
        expect([height, width]).toEqual([3, 3]);
        expect(top! >= 0 && left! >= 0 && top! + 3 <= 8 && left! + 3 <= 8).toBe(true);
      }
    }
    model.dispose();
  });

  it('crop to the receptive fields the model core traces, padding included', () => {
    const data = { inputShape: [28, 28, 1] as const, numClasses: 10 };
    const lenet = lenet5Mnist();
    const analysis = analyzeModel(lenet, data);
    const cost = measureModel(lenet, analysis, data);
    // The traced box of unit (0, 0) has the size the forward recurrence gives, for every block on the grid.
    for (const block of cost.blocks) {
      const box = unitBox(lenet, analysis, block.id, 0, 0);
      if (!box || !block.receptiveField) continue;
      expect([block.id, box[2], box[3]]).toEqual([block.id, ...block.receptiveField.size]);
    }
    // conv1 pads 2 on each side: its first unit's 5x5 field starts 2 pixels before the image.
    expect(unitBox(lenet, analysis, 'conv1', 0, 0)).toEqual([-2, -2, 5, 5]);
    // pool2 (after conv 5x5 same-size, pool, conv 5x5 valid, pool): unit (1, 2) covers rows 2..17, cols 6..21.
    expect(unitBox(lenet, analysis, 'pool2', 1, 2)).toEqual([2, 6, 16, 16]);
    // 'same' padding with stride 2 on an even size pads less before than after, as tfjs does.
    const same = chain(input(), conv2d(2, 3, { stride: 2, padding: 'same' }), activation('relu'), flatten(), softmax());
    expect(unitBox(same, analyzeModel(same, { inputShape: [8, 8, 1], numClasses: 2 }), 'conv1', 0, 0)).toEqual([0, 0, 3, 3]);
  });
});
