// The understanding channel hands each view the answer to its latest request only, and forgets answers
// computed on an earlier run's weights.
import { describe, expect, it } from 'vitest';
import type { TrainingListener } from './client';
import type { UnderstandFromWorker } from './understandProtocol';
import { createUnderstandChannel } from './understandChannel';

function fakeClient() {
  const sent: number[] = [];
  let listener: TrainingListener = () => undefined;
  return {
    sent,
    client: {
      understand: (id: number) => (sent.push(id), true),
      subscribe: (l: TrainingListener) => ((listener = l), () => undefined),
    },
    emit: (msg: Parameters<TrainingListener>[0]) => listener(msg),
  };
}

const answer = (runId: number, requestId: number): UnderstandFromWorker =>
  ({ type: 'understanding', runId, requestId, result: null, problem: 'no-model', ms: 1, step: 0 });

describe('understand channel', () => {
  it('passes on only the latest request of a view, and forgets answers of an earlier run', () => {
    const f = fakeClient();
    const channel = createUnderstandChannel(f.client);
    const got: number[] = [];
    channel.subscribe('stats', (a) => got.push(a.requestId));
    expect(channel.request({ view: 'stats', batchSize: 8 })).toBe(true);
    expect(channel.request({ view: 'stats', batchSize: 8 })).toBe(true);
    const [first, second] = f.sent;
    f.emit(answer(1, first!));
    expect(got).toEqual([]);
    f.emit(answer(1, second!));
    expect(got).toEqual([second]);
    expect(channel.latest('stats')?.requestId).toBe(second);
    f.emit({ type: 'phase', runId: 2, phase: 'training' });
    expect(channel.latest('stats')).toBeNull();
  });
});
