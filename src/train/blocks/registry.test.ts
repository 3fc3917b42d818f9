// The worker side of every registered kind, as one table over the same networks as src/blocks'
// registry.test.ts: the tfjs model agrees with the core on every block's shape and parameters
// (countParams, trainable and not), a forward pass gives the tested block the shape the core shows, and
// the probes read that block by identity: the layer the build's block map names as its output is the one
// the next block reads (or the model's output, for the head), and its value is what the model computes
// there. CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { moduleOf } from '../../blocks/registry';
import { kindNetworks, TABLE_DATA, UNDER_TEST } from '../../blocks/testNetworks';
import { analyzeModel } from '../../model/analyze';
import { buildModel } from '../buildModel';
import type { BuiltModel } from '../builtModel';
import { expectAgreement } from '../buildModelTestUtils';
import { blockValue, runLayers } from '../probes/graph';
import { workerBlockOf } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The layer whose output the block after the tested one reads (the table's flatten), or the model's output layer. */
function readerOf(built: BuiltModel): tf.layers.Layer | undefined {
  if (built.outputId === UNDER_TEST) return built.model.outputLayers[0];
  return built.blocks.get('flat')?.layers[0]?.inboundNodes[0]?.inboundLayers[0];
}

describe.each(kindNetworks())('block kind $kind on tfjs', ({ kind, spec }) => {
  it('has a worker side, and builds a model that agrees with the core on shapes and parameters', () => {
    expect(workerBlockOf(kind).kind).toBe(kind);
    const analysis = analyzeModel(spec, TABLE_DATA);
    const built = buildModel(spec, TABLE_DATA, 3);
    try {
      expectAgreement(built.model, analysis);
    } finally {
      built.dispose();
    }
  });

  it('gives its block the core shape in a forward pass, read by identity, and leaks no tensor', () => {
    const analysis = analyzeModel(spec, TABLE_DATA);
    const shape = analysis.blocks.find((b) => b.id === UNDER_TEST)?.outputShape;
    const built = buildModel(spec, TABLE_DATA, 3);
    const before = tf.memory().numTensors;
    try {
      const [probed, direct] = tf.tidy(() => {
        const x = tf.randomUniform([2, ...TABLE_DATA.inputShape], 0, 1, 'float32', 5);
        const values = runLayers(built.model, x);
        const block = built.blocks.get(UNDER_TEST);
        // The input block makes no layer of its own in the block map: its value is the image.
        if (moduleOf(kind).role === 'input') return [values.get(built.inputLayer.name) as tf.Tensor, x];
        if (block === undefined) throw new Error('tested block missing from the block map');
        const own = built.model.execute(x, (block.output.output as tf.SymbolicTensor).name) as tf.Tensor;
        return [blockValue(block, values).clone(), own];
      });
      expect(probed.shape).toEqual([2, ...(shape ?? [])]);
      expect(direct.shape).toEqual(probed.shape);
      expect(Array.from(probed.dataSync())).toEqual(Array.from(direct.dataSync()));
      tf.dispose([probed, direct]);
      expect(tf.memory().numTensors).toBe(before);
      expect(readerOf(built)).toBe(moduleOf(kind).role === 'input' ? built.inputLayer : built.blocks.get(UNDER_TEST)?.output);
    } finally {
      built.dispose();
    }
  });
});
