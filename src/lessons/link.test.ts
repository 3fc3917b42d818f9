// A lesson step opened by a link: the `lesson=` field composes with the experiment link.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/appStore';
import { selectExperiment } from '../store/linkSlice';
import { decodeExperiment, encodeExperiment } from '../store/linkState';
import { applyLink } from '../store/linkSync';

describe('the lesson step in the link', () => {
  it('is written only while a step is open, and opens that step with the experiment', () => {
    const from = createAppStore({ language: 'en' });
    expect(encodeExperiment(selectExperiment(from.getState()))).not.toContain('lesson=');
    from.getState().openLessonStep({ lesson: 2, step: 3 });
    from.getState().setHyper({ learningRate: 0.02 });
    const fragment = encodeExperiment(selectExperiment(from.getState()));
    expect(fragment).toContain('lesson=2.3');
    const to = createAppStore({ language: 'en' });
    expect(applyLink(to, `#${fragment}`)).toBe(true);
    expect(to.getState().lessonStep).toEqual({ lesson: 2, step: 3 });
    expect(to.getState().hyper.learningRate).toBe(0.02);
    expect(to.getState().linkProblems).toEqual([]);
  });

  it('ignores a malformed step and names it; a well-formed one that names no step opens none', () => {
    const base = encodeExperiment(selectExperiment(createAppStore({ language: 'en' }).getState()));
    const bad = decodeExperiment(`${base}&lesson=drop`, selectExperiment(createAppStore({ language: 'en' }).getState()));
    expect(bad.experiment?.lessonStep).toBeUndefined();
    expect(bad.problems).toEqual([{ code: 'ignoredFields', values: { names: 'lesson' } }]);
    const store = createAppStore({ language: 'en' });
    applyLink(store, `#${base}&lesson=9.9`);
    expect(store.getState().lessonStep).toBeNull();
  });
});
