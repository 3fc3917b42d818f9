// What a step shows before the student acts: no prediction's answer printed above its question, and a set-up
// that never takes the student's network away without saying so and offering it back.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore';
import { openStep } from '../views/lessons/stepNav';
import { LESSONS, stepKey } from './index';

const plain = (text: string) => text.replace(/\{,\}/g, ',').replace(/\\[a-z]+/g, ' ').toLowerCase();

describe('predictions', () => {
  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      if (!step.predict) continue;
      it(`${stepKey(lesson.id, step)}: the answer is not in the text shown before it is picked`, () => {
        for (const lang of ['en', 'ko'] as const) {
          const answer = plain(step.predict!.options[step.predict!.answer]![lang]).replace(/\s*\(.*\)$/, '').trim();
          if (answer.length < 3) continue; // a bare number is too short to search for
          const shown = [step.title[lang], step.body[lang], step.task[lang], step.formula ?? ''].map(plain).join(' | ');
          expect(shown, lang).not.toContain(answer);
        }
      });
    }
  }
});

describe('set-up and resuming', () => {
  it('a set-up that replaces the student\'s network says so, and undo brings the network back', () => {
    const store = createAppStore({ language: 'en' });
    openStep(store, { lesson: 3, step: 2 }); // LeNet-5
    const built = store.getState().spec;
    openStep(store, { lesson: 3, step: 1 }); // the empty network to build from
    expect(store.getState().spec.blocks.length).toBe(2);
    expect(store.getState().lessonSetupNotice).toEqual({ replacedBlocks: built.blocks.length });
    store.getState().undoLessonSetup();
    expect(store.getState().spec).toBe(built);
    expect(store.getState().lessonSetupNotice).toBeNull();
  });

  it('remembers the step last open in each lesson', () => {
    const store = createAppStore({ language: 'en' });
    openStep(store, { lesson: 3, step: 2 });
    openStep(store, null);
    expect(store.getState().lessonPlace[3]).toBe(2);
    // Resuming opens the step without its set-up: the network the student left stays.
    store.getState().setSpec({ blocks: store.getState().spec.blocks.slice(0, 2) } as never);
    const mine = store.getState().spec;
    openStep(store, { lesson: 3, step: 2 }, false);
    expect(store.getState().spec).toBe(mine);
    expect(store.getState().lessonSetupNotice).toBeNull();
  });
});
