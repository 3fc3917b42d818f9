// The ONNX export, run for real: for every trainable preset, a network with the playground's own layers and
// one with every block kind (and one whose block ids clash with the graph's names), onnxruntime-node gives the app's predictions on 100 test images to 1e-4, and
// Debian's python3-onnx checker (full_check: shape inference included) accepts every file, in one process.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { BLOCK_FIELDS } from '../../model/blockFields';
import { isOutputKind } from '../../model/graph';
import type { DataShape, ModelSpec } from '../../model/spec';
import { transpose } from '../../codegen/weights';
import { ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, onnxInputShape, onnxModelFile, onnxModelProto } from '../../codegen/onnx/onnxModel';
import { onnxRoot } from '../../codegen/onnx/onnxSchema';
import { encodeMessage } from '../../codegen/onnx/protoWriter';
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { blockModuleOf } from '../../blocks/registry';
import { ExportRefusedError, refusedKinds } from '../../codegen/refused';
import { exportCases, randomizeWeights, testImages } from './exportFixtures';
import { clashingIdsNetwork, EVERY_KIND_DATA, everyKindNetwork } from './everyKind';
import { runPython, tempDir } from './pythonHarness';
import { readWeights } from '../weights/readWeights';

const IMAGES = 100;

const CHECK_PY = `
import json, sys, onnx
out = {}
for path in sys.argv[1:]:
    m = onnx.load(path)
    onnx.checker.check_model(m, full_check=True)
    out[path] = {"opset": [o.version for o in m.opset_import], "ops": sorted({n.op_type for n in m.graph.node}),
                 "meta": {p.key: p.value for p in m.metadata_props}}
print(json.dumps(out))
`;

beforeAll(async () => {
  await selectBackend('wasm', { wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/' });
});

interface Case { readonly id: string; readonly spec: ModelSpec; readonly data: DataShape }

const allCases: Case[] = [
  ...exportCases(),
  { id: 'everyKind', spec: everyKindNetwork(), data: EVERY_KIND_DATA },
  { id: 'clashingIds', spec: clashingIdsNetwork(), data: { inputShape: [8, 8, 2], numClasses: 3 } },
];
/** The networks ONNX can write: the others have kinds it refuses (tested below). */
const cases = allCases.filter((c) => refusedKinds('onnx', c.spec).length === 0);

/** The app's predictions and the ONNX file of one case, with seeded random weights. */
function exportCase({ spec, data }: Case, title = 'test'): { probs: Float32Array; images: Float32Array; file: Uint8Array } {
  const app = buildModel(spec, data, 5).model;
  randomizeWeights(app, 17);
  const images = testImages(IMAGES, data);
  const probs = tf.tidy(() => (app.predict(tf.tensor(images, [IMAGES, ...data.inputShape])) as tf.Tensor).dataSync() as Float32Array);
  const file = onnxModelFile(spec, analyzeModel(spec, data), data, readWeights(app), { title });
  app.dispose();
  return { probs: Float32Array.from(probs), images, file };
}

async function runOnnx(file: Uint8Array, imagesNhwc: Float32Array, data: DataShape): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file);
  const nchw = transpose(imagesNhwc, [IMAGES, ...data.inputShape], [0, 3, 1, 2]).values;
  const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', nchw, [IMAGES, ...onnxInputShape(data)]) });
  const out = result[ONNX_OUTPUT];
  expect(session.inputNames).toEqual([ONNX_INPUT]);
  expect(session.outputNames).toEqual([ONNX_OUTPUT]);
  const dims = out?.dims ?? [];
  // A class per pixel comes out channels first (N, C, H, W), as PyTorch's; the app's is N, H, W, C.
  if (dims.length === 4) return transpose(out?.data as Float32Array, [...dims], [0, 2, 3, 1]).values as Float32Array;
  expect(dims).toEqual([IMAGES, data.numClasses]);
  return out?.data as Float32Array;
}

describe('ONNX export (onnxruntime-node, python3-onnx)', () => {
  it('the every-kind network has every block kind of the app but the other output heads', () => {
    // A network has one head: the per-pixel and grid ones are checked in their table networks (exportCases).
    const kinds = new Set(everyKindNetwork().blocks.map((b) => b.kind));
    const heads = Object.keys(BLOCK_FIELDS).filter((k) => isOutputKind(k) && k !== 'softmax');
    expect(heads).toEqual(['pixelsoftmax', 'griddetect']);
    const writable = Object.keys(BLOCK_FIELDS).filter((k) => blockModuleOf(k)?.refusedBy?.includes('onnx') !== true && !heads.includes(k));
    expect([...kinds].sort()).toEqual(writable.sort());
    expect(cases.some((c) => c.spec.blocks.some((b) => b.kind === 'pixelsoftmax'))).toBe(true);
    expect(cases.some((c) => c.spec.blocks.some((b) => b.kind === 'griddetect'))).toBe(true);
  });

  it('refuses a network with a kind it cannot write yet, naming the kinds', () => {
    const refused = allCases.filter((c) => refusedKinds('onnx', c.spec).length > 0);
    expect(refused.map((c) => c.id)).toContain('vitTiny');
    for (const c of refused) {
      const app = buildModel(c.spec, c.data, 1).model;
      const weights = readWeights(app);
      app.dispose();
      expect(() => onnxModelFile(c.spec, analyzeModel(c.spec, c.data), c.data, weights)).toThrow(new ExportRefusedError('onnx', refusedKinds('onnx', c.spec)));
    }
  });

  it('gives the app predictions in onnxruntime and passes the onnx checker, for every preset and block kind', async () => {
    const dir = tempDir('cnnp-onnx-');
    writeFileSync(join(dir, 'check.py'), CHECK_PY);
    const paths: string[] = [];
    for (const c of cases) {
      const { probs, images, file } = exportCase(c);
      const got = await runOnnx(file, images, c.data);
      const diff = probs.reduce((m, p, i) => Math.max(m, Math.abs(p - (got[i] ?? Number.NaN))), 0);
      console.log(`onnx export ${c.id}: max |difference| ${diff.toExponential(2)} over ${probs.length} probabilities`);
      expect([c.id, diff]).toSatisfy(([, d]: [string, number]) => d < 1e-4);
      const path = join(dir, `${c.id}.onnx`);
      writeFileSync(path, file);
      paths.push(path);
    }
    const checked = JSON.parse(runPython([join(dir, 'check.py'), ...paths], dir, 300_000).trim().split('\n').pop() as string) as
      Record<string, { opset: number[]; ops: string[]; meta: Record<string, string> }>;
    expect(Object.keys(checked).sort()).toEqual([...paths].sort());
    const every = checked[join(dir, 'everyKind.onnx')];
    expect(every?.opset).toEqual([ONNX_OPSET]);
    expect(every?.meta.layout).toBe('NCHW');
    expect(every?.meta.input).toContain('[N, 3, 12, 10]');
    console.log(`onnx ops of everyKind: ${every?.ops.join(' ')}`);
  }, 600_000);

  it('writes the bytes protobufjs writes, without generating code (the page forbids eval)', () => {
    const c = cases.find((x) => x.id === 'everyKind') as Case;
    const app = buildModel(c.spec, c.data, 1).model;
    const weights = readWeights(app);
    app.dispose();
    const proto = onnxModelProto(c.spec, analyzeModel(c.spec, c.data), c.data, weights, { title: 'x"\n\u0000é' });
    // A fresh schema: protobufjs compiles a type's encoder on its first use and keeps it.
    const type = onnxRoot().lookupType('onnx.ModelProto');
    const original = globalThis.Function;
    const forbid = () => { throw new EvalError('code generation is forbidden'); };
    globalThis.Function = new Proxy(original, { apply: forbid, construct: forbid });
    let ours: Uint8Array;
    try {
      ours = encodeMessage(type, proto);
    } finally {
      globalThis.Function = original;
    }
    const theirs = type.encode(type.fromObject(proto)).finish();
    expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  });
});
