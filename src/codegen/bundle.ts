// What the Export menu hands the user: one file per target. TensorFlow.js and PyTorch exports are zips of
// a few files with a README; the Keras model.py and the summary CSV are single text files.
import { strToU8, zipSync } from 'fflate';
import type { ModelAnalysis } from '../model/analysis';
import type { DataShape, ModelSpec } from '../model/spec';
import type { HyperParams } from '../train/api/protocol';
import { COURSE_TARGETS, type CourseContext, type CourseTarget } from './courseTargets';
import { kerasModelPy } from './kerasModel';
import { pytorchModelPy } from './pytorchModel';
import { blockTrainingByModule, pytorchTrainPy } from './pytorchTrain';
import { pytorchWeightsFile } from './pytorchWeights';
import { summaryCsv } from './summaryCsv';
import { trainingRefusal } from './trainRefusal';
import { pytorchReadme, tfjsReadme } from './readmes';
import { TFJS_ELU_LOADER, TFJS_WEIGHTS_FILE, tfjsLayersModel } from './tfjsModel';
import { TFJS_DENSE_LOADER } from './tfjsDenseLoader';
import type { WeightList } from './weights';
import { TFJS_VIT_LOADER } from './tfjsVitLoader';

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
  /** The dataset's class names in output order (the READMEs list them); the built-in datasets' are known. */
  readonly classNames?: readonly string[];
  /** The share of the training split the run held out for validation (train.py holds out the same share). */
  readonly validationFraction?: number;
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
      'model.json': strToU8(model.modelJson), [TFJS_WEIGHTS_FILE]: model.weightsBin, 'README.txt': strToU8(tfjsReadme(input)),
    };
    if (model.needsEluLoader) files['elu-alpha.js'] = strToU8(TFJS_ELU_LOADER);
    if (model.needsDenseLoader) files['dense-layers.js'] = strToU8(TFJS_DENSE_LOADER);
    if (model.needsVitLoader) files['vit-layers.js'] = strToU8(TFJS_VIT_LOADER);
    return { fileName: `${base}-tfjs.zip`, mimeType: 'application/zip', bytes: zipSync({ [`${base}-tfjs`]: files }) };
  }
  const dataset = input.datasetId === 'mnist' || input.datasetId === 'cifar10' ? input.datasetId : 'folder';
  // train.py reads one label per image: a task it cannot train (segmentation) gets the model and weights
  // without it, and the README says why, rather than a script that would train something else.
  const refusal = trainingRefusal(input.datasetId, 'pytorchTrain', input.hyper.labelShare);
  const readme = pytorchReadme({ ...input, trainData: dataset });
  const files = {
    'model.py': strToU8(pytorchModelPy(spec, analysis, data, { title: input.name })),
    'weights.safetensors': pytorchWeightsFile(spec, weights),
    ...(refusal ? {} : { 'train.py': strToU8(pytorchTrainPy({ dataset, hyper: input.hyper, validationFraction: input.validationFraction ?? 0,
      blockTraining: blockTrainingByModule(spec) })) }),
    'README.txt': strToU8(refusal ? `NOTE: there is no train.py in this export: ${refusal}\n\n${readme}` : readme),
  };
  return { fileName: `${base}-pytorch.zip`, mimeType: 'application/zip', bytes: zipSync({ [`${base}-pytorch`]: files }) };
}
