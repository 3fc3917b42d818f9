// The Export menu's files for the network on screen. Targets that carry trained weights take them from the
// worker (they are what predictions use), and only when they are of this network: an edit since training
// makes the worker's model stale, and that export is refused rather than written with other weights.
import { NEEDS_WEIGHTS, type ExportFile, type ExportTarget } from '../codegen/bundle';
import { exportAnyFile } from '../codegen/exportAny';
import { refusedKinds } from '../codegen/refused';
import type { WeightList } from '../codegen/weights';
import type { AppState } from '../store/appStore';
import type { FromWorker } from '../train/api/protocol';
import { expectedWeights, weightsMismatch } from './expectedWeights';
import type { RunCurve } from './types';

export type WeightsReply = Extract<FromWorker, { type: 'weights' }>;

/** The file, or the code of the problem ('invalidNetwork', 'untrained') for the session to show. */
export async function exportNetwork(target: ExportTarget, name: string, s: AppState,
  askWeights: () => Promise<WeightsReply | null>, latestRun: () => RunCurve | null = () => null): Promise<ExportFile | { readonly problem: string }> {
  if (!s.analysis.valid) return { problem: 'invalidNetwork' };
  if (target === 'keras' && refusedKinds('keras', s.spec).length > 0) return { problem: 'refusedKeras' };
  if (target === 'onnx' && refusedKinds('onnx', s.spec).length > 0) return { problem: 'refusedOnnx' };
  let trained: { weights: WeightList; topology: unknown } | null = null;
  if (NEEDS_WEIGHTS.has(target)) {
    const reply = await askWeights();
    const fits = reply?.weights != null && weightsMismatch(expectedWeights(s.spec, s.analysis, s.dataShape.numClasses), reply.weights) === null;
    if (!fits || reply === null || reply.weights === null) return { problem: 'untrained' };
    trained = { weights: reply.weights, topology: reply.topology };
  }
  // The notebook and ONNX exports also carry the latest run, the UI language and a folder dataset's class names.
  const classNames = s.datasetId === 'custom' ? s.customDataset?.data.meta.classNames : undefined;
  return exportAnyFile(target, {
    name, spec: s.spec, analysis: s.analysis, data: s.dataShape, datasetId: s.datasetId, hyper: s.hyper, trained,
    validationFraction: s.validationFraction, ...(classNames ? { classNames } : {}),
    course: { run: latestRun(), language: s.language, ...(classNames ? { classNames } : {}) },
  });
}
