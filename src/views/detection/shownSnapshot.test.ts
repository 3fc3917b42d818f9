import { describe, expect, it } from 'vitest';
import { PROBES_OFF, type ProbeSnapshot } from '../../train/api/probeTypes';
import { shownSnapshot, shownStamp } from './shownSnapshot';

const snapshot = (index: number | undefined, length = 960, step = 4): ProbeSnapshot => ({
  step, probabilities: new Float32Array(length), activations: [], filters: [], templates: null, gradients: null, saliency: null, costMs: 1,
  input: { height: 64, width: 64, channels: 1, values: new Float32Array(64 * 64), label: 2, ...(index === undefined ? {} : { index }) },
});
const chose = (index: number) => ({ ...PROBES_OFF, input: { kind: 'test', index } as const });

describe('the boxes view draws only the chosen image\'s answer', () => {
  it('shows image 0\'s boxes while image 0 is chosen', () => {
    const shown = shownSnapshot(snapshot(0), chose(0), 960);
    expect(shown.kind).toBe('ready');
  });

  it('says image 3 is pending, not image 0\'s boxes, until a snapshot of image 3 arrives', () => {
    const pending = shownSnapshot(snapshot(0), chose(3), 960);
    expect(pending).toEqual({ kind: 'pending', index: 3 });
    const ready = shownSnapshot(snapshot(3, 960, 5), chose(3), 960);
    expect(ready.kind === 'ready' && ready.snapshot.input.index).toBe(3);
    // The view re-renders on each of these changes.
    expect(new Set([shownStamp(shownSnapshot(snapshot(0), chose(0), 960)), shownStamp(pending), shownStamp(ready)]).size).toBe(3);
  });

  it('draws nothing for another network\'s output or a drawn image answered as a test image', () => {
    expect(shownSnapshot(null, chose(0), 960)).toEqual({ kind: 'none' });
    expect(shownSnapshot(snapshot(0, 10), chose(0), 960)).toEqual({ kind: 'none' });
    const drawn = { ...PROBES_OFF, input: { kind: 'pixels', data: new Float32Array(64 * 64) } as const };
    expect(shownSnapshot(snapshot(0), drawn, 960)).toEqual({ kind: 'none' });
    expect(shownSnapshot(snapshot(undefined), drawn, 960).kind).toBe('ready');
  });
});
