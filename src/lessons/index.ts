// The lesson path, in order, and how a step is named in a link (`<lesson>.<step number>`, from 1).
import { lesson1 } from './lesson1';
import { lesson2 } from './lesson2';
import { lesson3 } from './lesson3';
import { lesson4 } from './lesson4';
import { lesson5 } from './lesson5';
import { lesson6 } from './lesson6';
import { lesson7 } from './lesson7';
import { lesson8 } from './lesson8';
import type { Lesson, LessonStep } from './types';

export type * from './types';

export const LESSONS: readonly Lesson[] = [lesson1, lesson2, lesson3, lesson4, lesson5, lesson6, lesson7, lesson8];

export interface StepRef {
  readonly lesson: number;
  /** From 1. */
  readonly step: number;
}

export const formatStepRef = (ref: StepRef): string => `${ref.lesson}.${ref.step}`;

/** Reads `3.2`; null when it names no step of the path. */
export function parseStepRef(text: string): StepRef | null {
  const m = /^(\d{1,2})\.(\d{1,2})$/.exec(text);
  if (!m) return null;
  const ref = { lesson: Number(m[1]), step: Number(m[2]) };
  return findStep(ref) ? ref : null;
}

export function findLesson(id: number): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function findStep(ref: StepRef): LessonStep | undefined {
  return findLesson(ref.lesson)?.steps[ref.step - 1];
}

/** A stable key for progress: lesson id and step id (step ids survive reordering). */
export const stepKey = (lesson: number, step: LessonStep): string => `${lesson}:${step.id}`;
