import { describe, expect, it } from 'vitest';
import { createOutbox, unbatch } from './outbox';
import type { FromWorker } from './protocol';

const phase = (runId: number): FromWorker => ({ type: 'phase', runId, phase: 'training' });
const metrics = (runId: number, buffer: ArrayBuffer): FromWorker => ({
  type: 'metrics', runId,
  batch: { step: new Float64Array(buffer), epoch: new Float64Array(1), loss: new Float32Array(1), accuracy: new Float32Array(1) },
});

describe('outbox', () => {
  it('posts at once when not held', () => {
    const sent: { msg: FromWorker; transfer?: Transferable[] }[] = [];
    const box = createOutbox((msg, transfer) => sent.push({ msg, transfer }));
    box.post(phase(1));
    expect(sent).toEqual([{ msg: phase(1), transfer: undefined }]);
  });

  it('sends what a held step posted as one batch, in order, with every transfer; one message goes as it is', () => {
    const sent: { msg: FromWorker; transfer?: Transferable[] }[] = [];
    const box = createOutbox((msg, transfer) => sent.push({ msg, transfer }));
    const a = new ArrayBuffer(8);
    const b = new ArrayBuffer(8);
    box.hold();
    box.post(metrics(2, a), [a]);
    box.post(phase(2));
    box.post(metrics(2, b), [b]);
    expect(sent).toEqual([]);
    box.release();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msg.type).toBe('batch');
    expect(sent[0]!.msg.runId).toBe(2);
    expect(unbatch(sent[0]!.msg).map((m) => m.type)).toEqual(['metrics', 'phase', 'metrics']);
    expect(sent[0]!.transfer).toEqual([a, b]);
    box.hold();
    box.post(phase(3));
    box.release();
    box.release(); // nothing queued: nothing sent
    expect(sent.slice(1)).toEqual([{ msg: phase(3), transfer: undefined }]);
  });
});
