// A reopened project's latest curve goes back into the chart's series: the accuracy only where the run
// measured one, so a detector's run (which records no accuracy, saved as NaN) shows no accuracy curve and
// no "accuracy NaN%" in the chart's text line.
import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import { createAppStore } from '../store/appStore';
import { sampleProject } from './projectFixtures';
import { createRunHistory } from './sessionRuns';

describe("a reopened project's curve", () => {
  const show = (accuracy: number[]) => {
    const series = { loss: createSeries('loss'), accuracy: createSeries('accuracy') };
    const history = createRunHistory(createAppStore({ language: 'en' }), series, { restore: () => 1 });
    const project = sampleProject(undefined, false);
    const latest = { ...project.runs[1]!, accuracy };
    history.show({ ...project, runs: [project.runs[0]!, latest] });
    history.dispose();
    return series;
  };

  it('puts back the accuracy a run measured, and none where it measured none', () => {
    expect(show([0.2, 0.5, 0.7, 0.8]).accuracy.points()).toEqual([{ x: 1, y: 0.2 }, { x: 2, y: 0.5 }, { x: 3, y: 0.7 }, { x: 4, y: 0.8 }]);
    const detector = show([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect(detector.loss.length).toBe(4);
    expect(detector.accuracy.length).toBe(0);
  });
});
