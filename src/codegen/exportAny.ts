// Any Export-menu target: the notebook and ONNX exports load their code on first use (a separate chunk),
// the others are written at once by bundle.ts.
import { exportFile, safeFileName, type ExportFile, type ExportInput, type ExportTarget } from './bundle';
import { isCourseTarget } from './courseTargets';

export async function exportAnyFile(target: ExportTarget, input: ExportInput): Promise<ExportFile> {
  if (!isCourseTarget(target)) return exportFile(target, input);
  const { courseExportFile } = await import('./courseExports');
  return courseExportFile(target, input, safeFileName(input.name), input.course);
}
