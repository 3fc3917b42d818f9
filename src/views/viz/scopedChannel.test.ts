import { describe, expect, it } from 'vitest';
import type { MapStack, ProbeSnapshot } from '../../train/api/probeTypes';
import { createProbeChannel } from '../../paint/probeChannel';
import { scopeChannel } from './scopedChannel';

const stack = (id: string): MapStack => ({
  id, height: 2, width: 2, channels: 1, totalChannels: 1, fullHeight: 2, fullWidth: 2, values: new Float32Array(4),
});

const snapshot = (step: number): ProbeSnapshot => ({
  step, input: { height: 2, width: 2, channels: 1, values: new Float32Array(4), label: null },
  probabilities: new Float32Array([0.5, 0.5]), activations: [stack('a'), stack('b')], filters: [],
  templates: null, gradients: null, saliency: null, costMs: 0,
});

describe('scopeChannel', () => {
  it("shows one block's maps, the same arrays until the next snapshot, and shares subscriptions", () => {
    const channel = createProbeChannel();
    const scoped = scopeChannel(channel, 'b');
    expect(scoped.latest).toBeNull();
    let heard = 0;
    const off = scoped.subscribe(() => { heard += 1; });
    channel.push(snapshot(1));
    expect(heard).toBe(1);
    expect(scoped.latest?.activations.map((s) => s.id)).toEqual(['b']);
    expect(scoped.latest).toBe(scoped.latest);
    const first = scoped.latest;
    channel.push(snapshot(2));
    expect(scoped.latest).not.toBe(first);
    expect(scoped.latest?.step).toBe(2);
    expect(channel.latest?.activations).toHaveLength(2); // the channel itself is untouched
    off();
  });
});
