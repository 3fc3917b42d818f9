import { describe, expect, it } from 'vitest';
import { createSeries } from '../../metrics/series';
import { createRunHistory } from './runHistory';

describe('createRunHistory', () => {
  it('keeps a run trained while the chart never drew (off screen): its curve joins the overlay', () => {
    const loss = createSeries('loss');
    const accuracy = createSeries('accuracy');
    const runs = createRunHistory(loss, accuracy);
    runs.startRun(1);
    loss.append([1, 2, 3], [2.3, 1.9, 1.2]);
    accuracy.append([1, 2, 3], [0.1, 0.3, 0.6]);
    // The next run starts as the run controller does it: series cleared first, then the new run id.
    loss.clear();
    accuracy.clear();
    runs.startRun(2);
    expect(runs.past.map((r) => [r.run, r.loss.map((p) => p.y), r.accuracy.map((p) => p.y)]))
      .toEqual([[1, [2.3, 1.9, 1.2], [0.1, 0.3, 0.6]]]);
    expect(runs.current).toMatchObject({ run: 2, loss: [], accuracy: [] });
    runs.dispose();
  });

  it('keeps at most keepRuns earlier runs and leaves out runs without a curve', () => {
    const loss = createSeries('loss');
    const accuracy = createSeries('accuracy');
    const runs = createRunHistory(loss, accuracy, 2);
    for (let run = 1; run <= 4; run += 1) {
      loss.clear();
      accuracy.clear();
      runs.startRun(run);
      if (run !== 3) loss.append([1], [run]);
    }
    loss.clear();
    runs.startRun(5);
    expect(runs.past.map((r) => r.run)).toEqual([2, 4]);
    runs.dispose();
  });

  it("puts a reopened project's saved runs before this session's, numbered -n..-1, within keepRuns", () => {
    const loss = createSeries('loss');
    const accuracy = createSeries('accuracy');
    const runs = createRunHistory(loss, accuracy, 3);
    const curve = (y: number) => ({ loss: [{ x: 1, y }, { x: 2, y: y / 2 }], accuracy: [{ x: 1, y: 0.5 }] });
    runs.setSaved([curve(4), { loss: [], accuracy: [] }, curve(3)]);
    expect(runs.past.map((r) => [r.run, r.loss[0]?.y])).toEqual([[-2, 4], [-1, 3]]);
    runs.startRun(1);
    loss.append([1, 2], [2, 1]);
    loss.clear();
    runs.startRun(2);
    loss.append([1], [1.5]);
    loss.clear();
    runs.startRun(3);
    // Three kept: the newest saved run and this session's two.
    expect(runs.past.map((r) => r.run)).toEqual([-1, 1, 2]);
    runs.setSaved([]);
    expect(runs.past.map((r) => r.run)).toEqual([1, 2]);
    runs.dispose();
  });
});
