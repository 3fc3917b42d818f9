// The PyTorch export, run with Debian's python3-torch: for every trainable preset (and a network with
// dilation, ELU alpha, asymmetric 'same' padding, batch norm after conv and after dense) the generated
// model.py has the app's parameter counts, and the converted weights give the app's predictions on 100
// test images to 1e-4. train.py is run by trainPyFidelity.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { pytorchModelPy } from '../../codegen/pytorchModel';
import { pytorchWeightsFile } from '../../codegen/pytorchWeights';
import { writeSafetensors } from '../../codegen/safetensors';
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { exportCases, randomizeWeights, testImages } from './exportFixtures';
import { runPython, tempDir } from './pythonHarness';
import { readWeights } from '../weights/readWeights';

const IMAGES = 100;

const CHECK_PY = `
import importlib.util, json, sys, torch
torch.set_num_threads(1)
results = {}
for case in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("model_" + case, f"{case}/model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    net = module.Net()
    trainable = sum(p.numel() for p in net.parameters() if p.requires_grad)
    running = sum(b.numel() for n, b in net.named_buffers() if n.endswith(("running_mean", "running_var")))
    module.load_weights(net, f"{case}/weights.safetensors")
    net.eval()
    x = module.read_safetensors(f"{case}/inputs.safetensors")["x"].permute(0, 3, 1, 2)
    with torch.no_grad():
        p = net.predict_proba(x)
    if p.dim() == 4:  # a class per pixel: PyTorch's N, C, H, W against the app's N, H, W, C
        p = p.permute(0, 2, 3, 1)
    results[case] = {"trainable": trainable, "nonTrainable": running, "probs": p.flatten().tolist()}
print(json.dumps(results))
`;

beforeAll(async () => {
  await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
});

describe('PyTorch export (python3-torch)', () => {
  it('has the app parameter counts and predictions for every trainable preset', () => {
    const dir = tempDir('cnnp-torch-');
    const expected = new Map<string, { trainable: number; nonTrainable: number; probs: Float32Array }>();
    for (const { id, spec, data } of exportCases()) {
      const analysis = analyzeModel(spec, data);
      const app = buildModel(spec, data, 5).model;
      randomizeWeights(app, 13);
      const images = testImages(IMAGES, data);
      const probs = tf.tidy(() => (app.predict(tf.tensor(images, [IMAGES, ...data.inputShape])) as tf.Tensor).dataSync() as Float32Array);
      mkdirSync(join(dir, id));
      writeFileSync(join(dir, id, 'model.py'), pytorchModelPy(spec, analysis, data, { title: id }));
      writeFileSync(join(dir, id, 'weights.safetensors'), pytorchWeightsFile(spec, readWeights(app)));
      writeFileSync(join(dir, id, 'inputs.safetensors'), writeSafetensors([{ name: 'x', dtype: 'F32', shape: [IMAGES, ...data.inputShape], values: images }]));
      expected.set(id, { ...analysis.totals, probs: Float32Array.from(probs) });
      app.dispose();
    }
    writeFileSync(join(dir, 'check.py'), CHECK_PY);
    const out = runPython(['check.py', ...expected.keys()], dir, 300_000);
    const results = JSON.parse(out.trim().split('\n').pop() as string) as Record<string, { trainable: number; nonTrainable: number; probs: number[] }>;
    for (const [id, want] of expected) {
      const got = results[id];
      expect(got, id).toBeDefined();
      expect([id, got?.trainable, got?.nonTrainable]).toEqual([id, want.trainable, want.nonTrainable]);
      expect(got?.probs.length).toBe(want.probs.length);
      const diff = want.probs.reduce((m, p, i) => Math.max(m, Math.abs(p - (got?.probs[i] ?? Number.NaN))), 0);
      console.log(`pytorch export ${id}: max |difference| ${diff.toExponential(2)} (${want.trainable} + ${want.nonTrainable} parameters)`);
      expect([id, diff]).toSatisfy(([, d]: [string, number]) => d < 1e-4);
    }
  }, 600_000);
});
