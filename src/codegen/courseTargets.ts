// The notebook and ONNX targets of the Export menu, by name only: their code (with protobufjs, ~100 kB)
// loads when one is asked for (exportAny.ts), not with the page.
import type { RunCurve } from '../project/types';

export type CourseTarget = 'notebook' | 'onnx';
export const COURSE_TARGETS: readonly CourseTarget[] = ['notebook', 'onnx'];
export const isCourseTarget = (target: string): target is CourseTarget => (COURSE_TARGETS as readonly string[]).includes(target);

export interface CourseContext {
  /** The app's latest run of this network (curves, epoch results); null before training. */
  readonly run: RunCurve | null;
  readonly language: string;
  /** Class names in output order; the built-in datasets' when absent. */
  readonly classNames?: readonly string[];
}
