import { describe, expect, it } from 'vitest';
import { chartFrame, LR_GAP, ticksFor } from './chartFrame';

describe('chartFrame', () => {
  it('gives the plot most of a workspace-sized box (520x260, the chart at 1280x720)', () => {
    const f = chartFrame(520, 260, true);
    expect(f.svgWidth).toBe(520);
    expect(f.svgHeight).toBe(260);
    expect(f.height / f.svgHeight).toBeGreaterThan(0.6);
    expect(f.width / f.svgWidth).toBeGreaterThan(0.8);
  });

  it('is never larger than its box, and parts add up to it', () => {
    for (const [w, h] of [[120, 60], [200, 100], [300, 150], [520, 260], [900, 500]] as const) {
      for (const rates of [false, true]) {
        const f = chartFrame(w, h, rates);
        expect(f.svgWidth).toBeLessThanOrEqual(w);
        expect(f.svgHeight).toBeLessThanOrEqual(h);
        expect(f.margin.top + f.fullHeight + f.margin.bottom).toBe(f.svgHeight);
        expect(f.margin.left + f.width + f.margin.right).toBe(f.svgWidth);
        expect(f.height).toBeGreaterThan(0);
        expect(f.height + (f.lrStrip > 0 ? f.lrStrip + LR_GAP : 0)).toBe(f.fullHeight);
      }
    }
  });

  it('draws the learning-rate strip only with rates and only when the plot keeps room', () => {
    expect(chartFrame(520, 260, false).lrStrip).toBe(0);
    expect(chartFrame(520, 260, true).lrStrip).toBeGreaterThanOrEqual(28);
    expect(chartFrame(520, 110, true).lrStrip).toBe(0);
  });

  it('asks for fewer y ticks on a shorter plot, so labels (12 px) never overlap', () => {
    for (const h of [60, 100, 150, 260, 400, 700]) {
      const f = chartFrame(520, h, false);
      expect(f.yTicks).toBeGreaterThanOrEqual(2);
      // d3 may give up to about twice the count asked for on a linear scale: even then 14 px a label.
      if (f.yTicks > 2) expect(f.height / (2 * f.yTicks)).toBeGreaterThanOrEqual(14);
    }
    expect(chartFrame(520, 120, false).yTicks).toBeLessThan(chartFrame(520, 400, false).yTicks);
  });

  it('counts ticks from pixels within bounds', () => {
    expect(ticksFor(0, 30, 2, 6)).toBe(2);
    expect(ticksFor(95, 30, 2, 6)).toBe(3);
    expect(ticksFor(1000, 30, 2, 6)).toBe(6);
  });
});
