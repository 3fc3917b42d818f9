import { describe, expect, it } from 'vitest';
import type { TrainingListener } from './client';
import { createPredictionChannel } from './predictChannel';
import type { ConfusionReport } from './protocol';

function fakeClient(running = true) {
  const sent: { id: number; input: Float32Array }[] = [];
  let listener: TrainingListener = () => {};
  return {
    sent,
    emit: (msg: Parameters<TrainingListener>[0]) => listener(msg),
    client: {
      predict: (id: number, input: Float32Array) => {
        if (running) sent.push({ id, input });
        return running;
      },
      subscribe: (l: TrainingListener) => {
        listener = l;
        return () => {};
      },
    },
  };
}

const report = (epoch: number): ConfusionReport => ({
  epoch, numClasses: 2, matrix: new Int32Array(4),
  mistakes: { imageShape: [1, 1, 1], images: new Uint8Array(0), index: new Int32Array(0), label: new Int32Array(0),
    predicted: new Int32Array(0), confidence: new Float32Array(0) },
});

describe('createPredictionChannel', () => {
  it('keeps one request in flight and sends only the newest waiting image', () => {
    const f = fakeClient();
    const ch = createPredictionChannel(f.client);
    f.emit({ type: 'phase', runId: 1, phase: 'training' });
    ch.request(Float32Array.of(1));
    ch.request(Float32Array.of(2));
    ch.request(Float32Array.of(3));
    expect(f.sent.map((s) => [...s.input])).toEqual([[1]]);
    f.emit({ type: 'prediction', runId: 1, requestId: f.sent[0]!.id, epoch: 1, probabilities: Float32Array.of(0.2, 0.8) });
    expect([...ch.getState().probabilities!]).toEqual([0.2, 0.8].map(Math.fround));
    expect(f.sent.map((s) => [...s.input])).toEqual([[1], [3]]);
  });

  it('asks again when an epoch ends, and forgets the old run when a new one starts', () => {
    const f = fakeClient();
    const ch = createPredictionChannel(f.client);
    f.emit({ type: 'phase', runId: 1, phase: 'training' });
    ch.request(Float32Array.of(5));
    f.emit({ type: 'prediction', runId: 1, requestId: f.sent[0]!.id, epoch: 0, probabilities: null, reason: 'no-model' });
    expect(ch.getState().reason).toBe('no-model');
    f.emit({ type: 'confusion', runId: 1, report: report(1) });
    expect(ch.getState().confusion?.epoch).toBe(1);
    expect(f.sent).toHaveLength(2);
    expect([...f.sent[1]!.input]).toEqual([5]);
    f.emit({ type: 'phase', runId: 2, phase: 'loading-data' });
    // The drawn image is still there: it waits for the new run's first epoch.
    expect(ch.getState()).toMatchObject({ runId: 2, confusion: null, probabilities: null, reason: 'no-model' });
  });

  it('says there is no model when no run exists to ask', () => {
    const f = fakeClient(false);
    const ch = createPredictionChannel(f.client);
    ch.request(Float32Array.of(1));
    expect(ch.getState()).toMatchObject({ probabilities: null, reason: 'no-model' });
  });
});
