import { memo } from 'react';
import type { Language } from '../../i18n';
import type { LessonStep } from '../../lessons';
import { ComparePanel } from '../compare/ComparePanel';
import { KernelLab } from '../kernelLab/KernelLab';
import { LearnKernel } from '../kernelLab/LearnKernel';
import { GradientReadout } from './GradientReadout';
import { InitLab } from './InitLab';

/** The tool a step works with, drawn inside the lesson panel when it is one of the lesson's own. */
export const StepTool = memo(function StepTool({ step, lang }: { step: LessonStep; lang: Language }) {
  const { panel, compare } = step.setup;
  if (compare) return <ComparePanel entries={compare} lang={lang} />;
  switch (panel) {
    case 'kernelLab': return <KernelLab />;
    case 'learnKernel': return <LearnKernel />;
    case 'initLab': return <InitLab />;
    case 'gradients': return <GradientReadout />;
    default: return null;
  }
});

/** Whether the step draws a tool of its own in the lessons panel (the cases StepTool draws). */
export function hasStepTool(step: LessonStep): boolean {
  const { panel, compare } = step.setup;
  return compare !== undefined || ['kernelLab', 'learnKernel', 'initLab', 'gradients'].includes(panel);
}
