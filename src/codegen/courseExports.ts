// The two exports a course goes on with: a notebook that continues training (with the weights, zipped) and
// the trained network as ONNX. What they need beyond the other exports (the app's latest run, the UI
// language, the class names) comes in `course`. Loaded on first use (exportAny.ts).
import { strToU8, zipSync } from 'fflate';
import { CIFAR10_CLASSES, DATASETS } from '../data/registry';
import { trainingRefusal } from './trainRefusal';
import type { CourseContext, CourseTarget } from './courseTargets';
import type { ExportFile, ExportInput } from './bundle';
import { notebookReadme, onnxReadme } from './courseReadme';
import { notebookJson } from './notebook';
import type { ExportLanguage } from './notebookText';
import { onnxModelFile, onnxOutputShape } from './onnx/onnxModel';
import { pytorchWeightsFile } from './pytorchWeights';

export function classNamesOf(datasetId: string, numClasses: number, own?: readonly string[]): string[] {
  if (own !== undefined && own.length === numClasses) return [...own];
  if (datasetId === 'cifar10' && numClasses === CIFAR10_CLASSES.length) return [...CIFAR10_CLASSES];
  const shapes = DATASETS.find((d) => d.id === 'shapes')?.classNames ?? [];
  if (datasetId === 'shapes' && numClasses === shapes.length) return [...shapes];
  return Array.from({ length: numClasses }, (_, i) => String(i));
}

export function courseExportFile(target: CourseTarget, input: ExportInput, base: string, course: CourseContext | undefined): ExportFile {
  if (input.trained === null) throw new Error(`The ${target} export needs a trained model`);
  const { spec, analysis, data } = input;
  const classNames = classNamesOf(input.datasetId, data.numClasses, course?.classNames);
  const folder = `${base}-${target}`;
  if (target === 'onnx') {
    const model = onnxModelFile(spec, analysis, data, input.trained.weights, { title: input.name, classNames });
    const files = { 'model.onnx': model, 'README.txt': strToU8(onnxReadme(data, classNames, onnxOutputShape(analysis, data))) };
    return { fileName: `${folder}.zip`, mimeType: 'application/zip', bytes: zipSync({ [folder]: files }) };
  }
  const refusal = trainingRefusal(input.datasetId, 'notebook', input.hyper.labelShare);
  if (refusal) throw new Error(`The notebook export cannot train this network: ${refusal}`);
  const language: ExportLanguage = course?.language === 'ko' ? 'ko' : 'en';
  const dataset = input.datasetId === 'mnist' || input.datasetId === 'cifar10' ? input.datasetId : 'folder';
  const notebook = notebookJson({
    title: input.name, spec, analysis, data, dataset, hyper: input.hyper, classNames, run: course?.run ?? null, language,
  });
  const files = {
    'notebook.ipynb': strToU8(notebook),
    'weights.safetensors': pytorchWeightsFile(spec, input.trained.weights),
    'README.txt': strToU8(notebookReadme(classNames)),
  };
  return { fileName: `${folder}.zip`, mimeType: 'application/zip', bytes: zipSync({ [folder]: files }) };
}
