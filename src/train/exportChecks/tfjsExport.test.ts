// The TensorFlow.js export loads with tf.loadLayersModel (through tf.io.fromMemory) as standard layers
// only, and gives the app's predictions on 100 test images to 1e-5: every trainable preset, and a network
// with each of the playground's own layers (dilated conv, ELU with alpha 0.5, seeded dropout, transposed
// convolutions, bilinear upsampling; the loaders it ships run as shipped where a model needs them).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TFJS_ELU_LOADER, tfjsLayersModel } from '../../codegen/tfjsModel';
import { TFJS_DENSE_LOADER } from '../../codegen/tfjsDenseLoader';
import { TFJS_VIT_LOADER } from '../../codegen/tfjsVitLoader';
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { exportCases, randomizeWeights, testImages } from './exportFixtures';
import { readWeights, topologyOf } from '../weights/readWeights';

beforeAll(async () => {
  // wasm, as most students train on: several times faster than cpu for the larger CIFAR presets.
  await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
});

const IMAGES = 100;

async function loadExport(modelJson: string, weightsBin: Uint8Array): Promise<tf.LayersModel> {
  const parsed = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const specs = parsed.weightsManifest.flatMap((g) => g.weights);
  const buffer = weightsBin.buffer.slice(weightsBin.byteOffset, weightsBin.byteOffset + weightsBin.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs: specs, weightData: buffer }));
}

describe('TensorFlow.js LayersModel export', () => {
  let eluLoaded = false;
  let denseLoaded = false;
  let vitLoaded = false;
  for (const { id, spec, data } of exportCases()) {
    it(`${id}: loads with standard layers and predicts as the app does`, async () => {
      const app = buildModel(spec, data, 3).model;
      randomizeWeights(app, 11);
      const exported = tfjsLayersModel(topologyOf(app), readWeights(app));
      expect(exported.modelJson).not.toContain('CnnPlayground');
      if (exported.needsEluLoader && !eluLoaded) {
        // The documented loader, run as shipped (test code in Node; the app itself never evaluates strings).
        // eslint-disable-next-line no-new-func
        (new Function('tf', `${TFJS_ELU_LOADER}\nregisterEluAlpha(tf);`) as (t: typeof tf) => void)(tf);
        eluLoaded = true;
      }
      if (exported.needsDenseLoader && !denseLoaded) {
        // eslint-disable-next-line no-new-func
        (new Function('tf', `${TFJS_DENSE_LOADER}\nregisterDenseLayers(tf);`) as (t: typeof tf) => void)(tf);
        denseLoaded = true;
      }
      if (exported.needsVitLoader && !vitLoaded) {
        // eslint-disable-next-line no-new-func
        (new Function('tf', `${TFJS_VIT_LOADER}\nregisterVitLayers(tf);`) as (t: typeof tf) => void)(tf);
        vitLoaded = true;
      }
      const loaded = await loadExport(exported.modelJson, exported.weightsBin);
      const x = tf.tensor(testImages(IMAGES, data), [IMAGES, ...data.inputShape]);
      const expected = app.predict(x) as tf.Tensor;
      const actual = loaded.predict(x) as tf.Tensor;
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(expected, actual))).dataSync()[0] as number);
      console.log(`tfjs export ${id}: max |difference| ${diff.toExponential(2)}, model.json ${exported.modelJson.length} B, weights ${exported.weightsBin.length} B`);
      expect(diff).toBeLessThan(1e-5);
      expect(loaded.countParams()).toBe(app.countParams());
      tf.dispose([x, expected, actual]);
      app.dispose();
      loaded.dispose();
    });
  }

  it('marks a model with ELU alpha != 1 as needing the loader, and only that one', () => {
    const flags = exportCases().map(({ id, spec, data }) => {
      const app = buildModel(spec, data, 1).model;
      const flag = tfjsLayersModel(topologyOf(app), readWeights(app)).needsEluLoader;
      app.dispose();
      return [id, flag];
    });
    expect(flags.filter(([, f]) => f).map(([id]) => id)).toEqual(['customLayers']);
  });

  it('marks a model whose transposed convolution or upsampling tfjs computes otherwise as needing dense-layers.js, and only that one', () => {
    const flags = exportCases().map(({ id, spec, data }) => {
      const app = buildModel(spec, data, 1).model;
      const flag = tfjsLayersModel(topologyOf(app), readWeights(app)).needsDenseLoader;
      app.dispose();
      return [id, flag];
    });
    // denseLoadable (TensorFlow 'same', PyTorch padding 1 with a 4×3 kernel, nearest) loads with tfjs' own layers.
    expect(flags.filter(([, f]) => f).map(([id]) => id)).toEqual(['denseSettings']);
  });

  it('leaves no tensors behind', () => {
    const { spec, data } = exportCases()[0]!;
    const app = buildModel(spec, data, 1).model;
    const before = tf.memory().numTensors;
    tfjsLayersModel(topologyOf(app), readWeights(app));
    expect(tf.memory().numTensors).toBe(before);
    app.dispose();
  });
});
