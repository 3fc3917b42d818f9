// What a step hides of the workspace: applied while the step is open (the store's selector, which the workspace
// writes as data-lesson-hide), gone when the lesson is left; and never the controls a step's task needs.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore';
import { selectLessonHidden } from '../store/lessonsSlice';
import { COMPARE_HIDE, LAB_HIDE, SHAPES_HIDE } from './hide';
import { LESSONS } from './index';
import type { PanelId } from './types';

describe('a step hides parts of the workspace while it is open', () => {
  it('lesson 1 hides the training workspace around the kernel lab; the next lesson shows it again; leaving hides nothing', () => {
    const store = createAppStore({ language: 'en' });
    expect(selectLessonHidden(store.getState())).toBe('');
    store.getState().openLessonStep({ lesson: 1, step: 1 });
    const hidden = selectLessonHidden(store.getState()).split(' ');
    expect(hidden).toEqual(expect.arrayContaining(['runControls', 'pickers', 'network', 'chart', 'otherPanels']));
    store.getState().openLessonStep({ lesson: 1, step: 6 }); // learn a kernel: the same room
    expect(selectLessonHidden(store.getState())).toBe(LAB_HIDE.join(' '));
    store.getState().openLessonStep({ lesson: 2, step: 1 }); // the network editor is back; training still aside
    expect(selectLessonHidden(store.getState())).toBe('runControls chart');
    store.getState().openLessonStep({ lesson: 3, step: 2 }); // a step that trains hides nothing
    expect(selectLessonHidden(store.getState())).toBe('');
    store.getState().openLessonStep({ lesson: 1, step: 2 });
    store.getState().openLessonStep(null); // the lesson list: everything is back
    expect(selectLessonHidden(store.getState())).toBe('');
  });

  it('no step hides what its task needs: steps that train or point at a run\'s views keep the run controls and chart; editor steps keep the network', () => {
    const RUN_VIEWS: readonly PanelId[] = ['training', 'curves', 'gradients', 'featureMaps', 'filters', 'saliency', 'results', 'understand', 'compare'];
    const NETWORK_VIEWS: readonly PanelId[] = ['editor', 'summary', 'arith', ...RUN_VIEWS];
    let hiding = 0;
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        const hide = step.setup.hide ?? [];
        if (hide.length > 0) hiding++;
        const name = `${lesson.id}:${step.id}`;
        if (step.setup.compare) {
          // A comparison draws every run's curve and trains its own networks: the strip and the chart may step aside.
          expect(hide, name).toEqual(COMPARE_HIDE);
          continue;
        }
        if (RUN_VIEWS.includes(step.setup.panel)) {
          expect(hide, name).not.toContain('runControls');
          expect(hide, name).not.toContain('chart');
        }
        if (NETWORK_VIEWS.includes(step.setup.panel)) {
          expect(hide, name).not.toContain('network');
          expect(hide, name).not.toContain('otherPanels'); // its "Go to" opens another panel
        }
      }
    }
    expect(hiding).toBe(6 + 5 + 2 + 3 + 3); // lessons 1, 2, 4 (init lab) and 7 (reference networks); 3 comparisons
    expect(SHAPES_HIDE).not.toContain('network');
  });
});
