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
      runs.sync();
    }
    loss.clear();
    runs.startRun(5);
    expect(runs.past.map((r) => r.run)).toEqual([2, 4]);
    runs.dispose();
  });
});
