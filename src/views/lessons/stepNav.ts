// Moving between lesson steps, shared by the lessons panel and the lesson strip above the other panels.
import { findLesson, findStep, type StepRef } from '../../lessons';
import type { AppStore } from '../../store/appStore';

export function nextRef(ref: StepRef): StepRef | null {
  const lesson = findLesson(ref.lesson);
  if (lesson && ref.step < lesson.steps.length) return { lesson: ref.lesson, step: ref.step + 1 };
  return findLesson(ref.lesson + 1) ? { lesson: ref.lesson + 1, step: 1 } : null;
}

export function prevRef(ref: StepRef): StepRef | null {
  if (ref.step > 1) return { lesson: ref.lesson, step: ref.step - 1 };
  const prev = findLesson(ref.lesson - 1);
  return prev ? { lesson: prev.id, step: prev.steps.length } : null;
}

/**
 * Opens a step (null: the lesson list) and, when `apply`, sets the playground up for it. The lessons panel
 * comes to the front, so the step's text is read first (a setup that selects a block would otherwise open
 * the block pane); the step's "Go to" button opens the view it points at, the lesson strip keeping the task
 * in sight there.
 * Returns false when the setup was refused (a run in progress).
 */
export function openStep(store: AppStore, ref: StepRef | null, apply = true): boolean {
  store.getState().openLessonStep(ref);
  const step = ref ? findStep(ref) : undefined;
  const applied = step && apply ? store.getState().applyStepSetup(step) : true;
  store.getState().openPanel('lessons');
  return applied;
}
