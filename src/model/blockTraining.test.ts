import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { blockTrainingOf, lrMultiplierOf, pruneTraining, withBlockTraining } from './blockTraining';
import { decodeSpec, encodeSpec } from './link';
import { analyzeModel } from './analyze';
import type { ModelSpec } from './spec';

const NET: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'c1', kind: 'conv2d', inputs: ['in'], filters: 4, kernel: 3, stride: 1, padding: 'same' },
    { id: 'fl', kind: 'flatten', inputs: ['c1'] },
    { id: 'out', kind: 'softmax', inputs: ['fl'] },
  ],
};

const payloadOfJson = (value: unknown): string =>
  btoa(Array.from(deflateSync(new TextEncoder().encode(JSON.stringify(value))), (b) => String.fromCharCode(b)).join(''))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('block training mode', () => {
  it('is trainable by default and set per block', () => {
    expect(blockTrainingOf(NET, 'c1')).toEqual({ mode: 'trainable' });
    const frozen = withBlockTraining(NET, 'c1', { mode: 'frozen' });
    const scaled = withBlockTraining(frozen, 'out', { mode: 'scaled', lrMultiplier: 0.1 });
    expect(lrMultiplierOf(scaled, 'c1')).toBe(0);
    expect(lrMultiplierOf(scaled, 'out')).toBe(0.1);
    expect(lrMultiplierOf(scaled, 'fl')).toBe(1);
    // Back to trainable leaves no entry, and no empty map once none is left.
    const back = withBlockTraining(withBlockTraining(scaled, 'c1', { mode: 'trainable' }), 'out', { mode: 'trainable' });
    expect(back).toEqual(NET);
  });

  it('round-trips through the link, and links without it still open', () => {
    const spec = withBlockTraining(withBlockTraining(NET, 'c1', { mode: 'frozen' }), 'out', { mode: 'scaled', lrMultiplier: 0.25 });
    const decoded = decodeSpec(encodeSpec(spec));
    expect(decoded).toEqual({ ok: true, value: spec });
    expect(decodeSpec(encodeSpec(NET))).toEqual({ ok: true, value: NET });
    expect(decodeSpec(payloadOfJson({ blocks: NET.blocks }))).toEqual({ ok: true, value: NET });
  });

  it('refuses a bad mode or multiplier from a link', () => {
    for (const training of [{ c1: { mode: 'melted' } }, { c1: { mode: 'scaled', lrMultiplier: -1 } },
      { c1: { mode: 'scaled' } }, { c1: { mode: 'frozen', lrMultiplier: 2 } }, { c1: { mode: 'scaled', lrMultiplier: 1e9 } }]) {
      const decoded = decodeSpec(payloadOfJson({ blocks: NET.blocks, training }));
      expect(decoded.ok, JSON.stringify(training)).toBe(false);
    }
  });

  it('counts a frozen block\'s parameters as not trainable', () => {
    const data = { inputShape: [8, 8, 1], numClasses: 3 };
    const plain = analyzeModel(NET, data);
    const frozen = analyzeModel(withBlockTraining(NET, 'c1', { mode: 'frozen' }), data);
    const c1 = (a: typeof plain) => a.blocks.find((b) => b.id === 'c1')?.params;
    expect(c1(plain)).toEqual({ trainable: 40, nonTrainable: 0 });
    expect(c1(frozen)).toEqual({ trainable: 0, nonTrainable: 40 });
    expect(frozen.totals.trainable).toBe(plain.totals.trainable - 40);
    expect(analyzeModel(withBlockTraining(NET, 'c1', { mode: 'scaled', lrMultiplier: 0.1 }), data)).toEqual(plain);
  });

  it('forgets the modes of deleted blocks', () => {
    const spec = withBlockTraining(NET, 'c1', { mode: 'frozen' });
    const gone = pruneTraining({ ...spec, blocks: spec.blocks.filter((b) => b.id !== 'c1') });
    expect(gone.training).toBeUndefined();
    expect(pruneTraining(spec)).toBe(spec);
  });
});
