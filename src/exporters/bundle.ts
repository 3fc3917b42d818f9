// What the Export menu hands the user: one file per target. TensorFlow.js and PyTorch exports are zips of
// a few files with a README; the Keras model.py and the summary CSV are single text files.
import { strToU8, zipSync } from 'fflate';
import type { ModelAnalysis } from '../model/analysis';
import type { DataShape, ModelSpec } from '../model/spec';
import type { HyperParams } from '../train/api/protocol';
import { COURSE_TARGETS, type CourseContext, type CourseTarget } from './courseTargets';
import { kerasModelPy } from './kerasModel';
import { pytorchModelPy } from './pytorchModel';
import { pytorchTrainPy } from './pytorchTrain';
import { pytorchWeightsFile } from './pytorchWeights';
import { summaryCsv } from './summaryCsv';
import { TFJS_ELU_LOADER, TFJS_WEIGHTS_FILE, tfjsLayersModel } from './tfjsModel';
import type { WeightList } from './weights';

export type ExportTarget = 'tfjs' | 'pytorch' | 'keras' | 'csv' | CourseTarget;
export const EXPORT_TARGETS: readonly ExportTarget[] = ['tfjs', 'pytorch', 'keras', 'csv'];
/** Targets that carry trained weights (and so need a trained model). */
export const NEEDS_WEIGHTS: ReadonlySet<ExportTarget> = new Set<ExportTarget>(['tfjs', 'pytorch', ...COURSE_TARGETS]);

export interface ExportInput {
  readonly name: string;
  readonly spec: ModelSpec;
  readonly analysis: ModelAnalysis;
  readonly data: DataShape;
  /** 'mnist' | 'cifar10' for the built-in datasets, anything else is an image folder. */
  readonly datasetId: string;
  readonly hyper: HyperParams;
  /** From the worker: the trained weights and the app model's topology (model.toJSON()); null before training. */
  readonly trained: { readonly weights: WeightList; readonly topology: unknown } | null;
  /** For the notebook and ONNX exports: the app's latest run, the UI language, class names (courseExports.ts). */
  readonly course?: CourseContext;
}

export interface ExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** A file name from a project name: letters, digits, '-' and '_' kept (any script), the rest '_'. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60);
  return cleaned === '' ? 'network' : cleaned;
}

const TFJS_README = `TensorFlow.js LayersModel exported from CNN Playground.

  const model = await tf.loadLayersModel('model.json');   // in a page, beside ${TFJS_WEIGHTS_FILE}
  const probabilities = model.predict(images);             // images: [N, height, width, channels], values in [0, 1]

Only standard Keras layer classes are used. If elu-alpha.js is in this folder, the network has an ELU with
alpha != 1, which TensorFlow.js 4.x refuses: call registerEluAlpha(tf) from it before loading.
In Python, tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras_saved_model converts it.
`;

const PYTORCH_README = `PyTorch export from CNN Playground.

  model.py             the network as an nn.Module (Net); load_weights(net, "weights.safetensors")
  weights.safetensors  the trained weights as a state_dict (safetensors format; read with torch alone)
  train.py             continues training: python3 train.py --data-dir DATA
                       on many processes or machines: torchrun --nproc_per_node=N train.py --data-dir DATA

Images go in channels first (N, C, H, W), values in [0, 1]. The network returns logits;
net.predict_proba(x) gives the probabilities the playground shows.
`;

export function exportFile(target: Exclude<ExportTarget, CourseTarget>, input: ExportInput): ExportFile {
  const base = safeFileName(input.name);
  const { spec, analysis, data } = input;
  if (target === 'csv') return { fileName: `${base}-summary.csv`, mimeType: 'text/csv', bytes: strToU8(summaryCsv(analysis)) };
  if (target === 'keras') return { fileName: `${base}-keras.py`, mimeType: 'text/x-python', bytes: strToU8(kerasModelPy(spec, analysis, data, input.name)) };
  if (input.trained === null) throw new Error(`The ${target} export needs a trained model`);
  const { weights, topology } = input.trained;
  if (target === 'tfjs') {
    const model = tfjsLayersModel(topology, weights);
    const files: Record<string, Uint8Array> = {
      'model.json': strToU8(model.modelJson), [TFJS_WEIGHTS_FILE]: model.weightsBin, 'README.txt': strToU8(TFJS_README),
    };
    if (model.needsEluLoader) files['elu-alpha.js'] = strToU8(TFJS_ELU_LOADER);
    return { fileName: `${base}-tfjs.zip`, mimeType: 'application/zip', bytes: zipSync({ [`${base}-tfjs`]: files }) };
  }
  const dataset = input.datasetId === 'mnist' || input.datasetId === 'cifar10' ? input.datasetId : 'folder';
  const files = {
    'model.py': strToU8(pytorchModelPy(spec, analysis, data, { title: input.name })),
    'weights.safetensors': pytorchWeightsFile(spec, weights),
    'train.py': strToU8(pytorchTrainPy({ dataset, hyper: input.hyper })),
    'README.txt': strToU8(PYTORCH_README),
  };
  return { fileName: `${base}-pytorch.zip`, mimeType: 'application/zip', bytes: zipSync({ [`${base}-pytorch`]: files }) };
}
