// The attention probe on the main thread's channel: asked for while a view wants it; maps kept until a
// snapshot says otherwise; a network without attention says so (null); a new run never shows the last
// run's maps.
import { describe, expect, it } from 'vitest';
import { createProbeChannel } from './probeChannel';
import type { AttentionMaps, ProbeSnapshot } from '../train/api/probeTypes';

const snapshot = (step: number, over: Partial<ProbeSnapshot> = {}): ProbeSnapshot => ({
  step, input: { height: 2, width: 2, channels: 1, values: new Float32Array(4), label: 3 }, probabilities: new Float32Array(2),
  activations: [], filters: [], templates: null, gradients: null, saliency: null, costMs: 1, ...over,
});
const maps: AttentionMaps = { rows: 1, cols: 2, fromClassToken: true, layers: [{ id: 'attn', heads: 1, values: Float32Array.of(0.4, 0.6) }], rollout: Float32Array.of(0.3, 0.7) };

describe('the attention probe on the channel', () => {
  it('is asked for while a view wants it', () => {
    const ch = createProbeChannel();
    expect(ch.config.attention).toBeFalsy();
    const release = ch.want('attention');
    expect(ch.config.attention).toBe(true);
    release();
    expect(ch.config.attention).toBe(false);
  });

  it('keeps the maps across snapshots without them, takes null as "none", and forgets them for a new run', () => {
    const ch = createProbeChannel();
    ch.push(snapshot(1, { attention: maps, positions: null }));
    ch.push(snapshot(2));
    expect(ch.latest?.attention).toBe(maps);
    ch.push(snapshot(3, { attention: null, positions: null }));
    expect(ch.latest?.attention).toBeNull();
    ch.push(snapshot(4, { attention: maps }));
    ch.clear(); // a new run starts
    expect(ch.latest).toBeNull();
    ch.push(snapshot(1));
    expect(ch.latest?.attention).toBeNull();
  });
});
