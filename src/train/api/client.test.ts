import { describe, expect, it, vi } from 'vitest';
import type { ModelSpec } from '../../model/spec';
import { createTrainingClient, type WorkerLike } from './client';
import { DEFAULT_HYPER_PARAMS } from './hyper';
import type { DatasetRef, FromWorker, HyperParams, ToWorker } from './protocol';

/** Records what the client posts and lets a test play the worker's side. */
class FakeWorker implements WorkerLike {
  readonly sent: ToWorker[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: never) => void)[]>();

  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  reply(msg: FromWorker): void {
    for (const listener of this.listeners.get('message') ?? []) listener({ data: msg } as never);
  }

  fail(message: string): void {
    for (const listener of this.listeners.get('error') ?? []) listener({ message } as never);
  }
}

const spec: ModelSpec = { blocks: [{ id: 'in', kind: 'input', inputs: [] }, { id: 'out', kind: 'softmax', inputs: ['in'] }] };
const dataset: DatasetRef = { url: '/data/mnist/' };
const hyper: HyperParams = { ...DEFAULT_HYPER_PARAMS, batchSize: 32, epochs: 1 };

function setup() {
  const workers: FakeWorker[] = [];
  const client = createTrainingClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  const received: FromWorker[] = [];
  const unsubscribe = client.subscribe((msg) => received.push(msg));
  return { client, workers, received, unsubscribe };
}

const phase = (runId: number, p: 'training' | 'stopped' | 'done'): FromWorker => ({ type: 'phase', runId, phase: p });

describe('createTrainingClient', () => {
  it('creates the worker only on the first start and numbers runs from 1', () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    expect(client.start(spec, dataset, hyper, 'auto')).toBe(1);
    expect(client.start(spec, dataset, hyper, 'cpu')).toBe(2);
    expect(workers).toHaveLength(1);
    const sent = workers[0]!.sent;
    expect(sent.map((m) => [m.type, 'runId' in m ? m.runId : null])).toEqual([['start', 1], ['start', 2]]);
    expect(sent[1]).toMatchObject({ type: 'start', spec, dataset, hyper, backend: 'cpu' });
  });

  it('asks for one worker only when told to, and sends no workers field otherwise', () => {
    const { client, workers } = setup();
    client.start(spec, dataset, hyper, 'auto');
    client.start(spec, dataset, hyper, 'auto', { workers: 'one', paused: true });
    client.start(spec, dataset, hyper, 'auto', { workers: 'auto' });
    const sent = workers[0]!.sent;
    expect(sent.map((m) => ('workers' in m ? m.workers : 'absent'))).toEqual(['absent', 'one', 'absent']);
    expect(sent[1]).toMatchObject({ startPaused: true });
  });

  it('drops messages of a stale run and passes those of the current one', () => {
    const { client, workers, received } = setup();
    client.start(spec, dataset, hyper, 'auto');
    const worker = workers[0]!;
    worker.reply(phase(1, 'training'));
    client.start(spec, dataset, hyper, 'auto');
    // The first run's late messages, as a worker sends them while it winds the old run down.
    worker.reply(phase(1, 'stopped'));
    worker.reply({ type: 'epoch', runId: 1, result: { epoch: 1, testLoss: 1, testAccuracy: 0.5, imagesPerSecond: 10, seconds: 1 } });
    worker.reply(phase(2, 'training'));
    worker.reply(phase(3, 'done')); // a run that never started here
    expect(received).toEqual([phase(1, 'training'), phase(2, 'training')]);
  });

  it('hands a batch on as its messages, in order, and drops a stale run\'s batch whole', () => {
    const { client, workers, received } = setup();
    client.start(spec, dataset, hyper, 'auto');
    client.start(spec, dataset, hyper, 'auto');
    const worker = workers[0]!;
    worker.reply({ type: 'batch', runId: 1, messages: [phase(1, 'training')] });
    worker.reply({ type: 'batch', runId: 2, messages: [phase(2, 'training'), phase(2, 'done')] });
    expect(received).toEqual([phase(2, 'training'), phase(2, 'done')]);
  });

  it('ignores messages before any start', () => {
    const { client, workers, received } = setup();
    client.start(spec, dataset, hyper, 'auto');
    const worker = workers[0]!;
    worker.reply(phase(0, 'done'));
    expect(received).toEqual([]);
  });

  it('sends pause, resume and stop for the current run only, and nothing before a start', () => {
    const { client, workers } = setup();
    client.pause();
    client.stop();
    expect(workers).toHaveLength(0);
    client.start(spec, dataset, hyper, 'auto');
    client.start(spec, dataset, hyper, 'auto');
    client.pause();
    client.resume();
    client.stop();
    expect(workers[0]!.sent.slice(2)).toEqual([
      { type: 'pause', runId: 2 },
      { type: 'resume', runId: 2 },
      { type: 'stop', runId: 2 },
    ]);
  });

  it('starts paused on request, and sends step and set-lr to the current run', () => {
    const { client, workers } = setup();
    client.step();
    client.setLearningRate(0.1);
    expect(workers).toHaveLength(0);
    client.start(spec, dataset, hyper, 'auto', { paused: true });
    client.step();
    client.setLearningRate(0.01);
    expect(workers[0]!.sent).toEqual([
      { type: 'start', runId: 1, spec, dataset, hyper, backend: 'auto', startPaused: true },
      { type: 'step', runId: 1 },
      { type: 'set-lr', runId: 1, learningRate: 0.01 },
    ]);
  });

  it('stops delivering to an unsubscribed listener', () => {
    const { client, workers, received, unsubscribe } = setup();
    client.start(spec, dataset, hyper, 'auto');
    workers[0]!.reply(phase(1, 'training'));
    unsubscribe();
    workers[0]!.reply(phase(1, 'done'));
    expect(received).toEqual([phase(1, 'training')]);
  });

  it('turns a worker failure into an error of the current run', () => {
    const { client, workers, received } = setup();
    client.start(spec, dataset, hyper, 'auto');
    workers[0]!.fail('Failed to fetch worker script');
    expect(received).toEqual([
      { type: 'error', runId: 1, message: 'The training worker failed: Failed to fetch worker script',
        failure: { code: 'workerFailed', values: { detail: 'Failed to fetch worker script' } } },
      { type: 'phase', runId: 1, phase: 'error' },
    ]);
  });

  it('does not end a run that goes on after an error event; a run that then falls silent ends, keeping the client usable', () => {
    const timers: { run: () => void; cleared: boolean }[] = [];
    const workers: FakeWorker[] = [];
    const client = createTrainingClient(() => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    }, {
      setTimer: (run) => timers.push({ run, cleared: false }) - 1,
      clearTimer: (handle) => {
        timers[handle as number]!.cleared = true;
      },
    });
    const received: FromWorker[] = [];
    client.subscribe((msg) => received.push(msg));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    client.start(spec, dataset, hyper, 'auto');
    workers[0]!.reply(phase(1, 'training'));
    // An uncaught error in the worker (a probe, say) while the run trains on: no error, no phase change.
    workers[0]!.fail('Uncaught TypeError in a probe');
    workers[0]!.reply(phase(1, 'training'));
    expect(received).toEqual([phase(1, 'training'), phase(1, 'training')]);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.cleared).toBe(true); // the worker spoke again: alive
    // Now a crash: an error event, then silence while training.
    workers[0]!.fail('Out of memory');
    expect(timers).toHaveLength(2);
    timers[1]!.run();
    expect(received.slice(2)).toEqual([
      { type: 'error', runId: 1, message: expect.stringMatching(/stopped responding.*out of memory.*network and settings are kept/),
        failure: { code: 'workerSilent', values: {} } },
      { type: 'phase', runId: 1, phase: 'error' },
    ]);
    expect(workers[0]!.terminated).toBe(true);
    // The next run gets a fresh worker.
    expect(client.start(spec, dataset, hyper, 'auto')).toBe(2);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent.map((m) => m.type)).toEqual(['start']);
    warn.mockRestore();
  });

  it('terminates the worker on dispose and then refuses to start', () => {
    const { client, workers, received } = setup();
    client.start(spec, dataset, hyper, 'auto');
    client.dispose();
    expect(workers[0]!.terminated).toBe(true);
    workers[0]!.reply(phase(1, 'done'));
    expect(received).toEqual([]);
    expect(() => client.start(spec, dataset, hyper, 'auto')).toThrow(/disposed/);
  });
});

describe('prepare: the worker started before the first Train', () => {
  it('starts the worker and asks it to load the dataset and backend, and the first run uses that worker', () => {
    const { client, workers } = setup();
    client.prepare(dataset, 'auto');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual([{ type: 'prepare', dataset, backend: 'auto' }]);
    client.start(spec, dataset, hyper, 'auto');
    client.prepare(dataset, 'auto'); // a run has started: nothing more to prepare
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent.map((m) => m.type)).toEqual(['prepare', 'start']);
  });

  it("sends 'auto' the backend measured on an earlier visit, and keeps a new measurement for the next", () => {
    const remembered = { name: 'webgl' as const, measuredMs: { webgl: 4, wasm: 9 }, renderer: 'ANGLE (NVIDIA)' };
    const saved: unknown[] = [];
    const workers: FakeWorker[] = [];
    const client = createTrainingClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, { backendMemory: { load: () => remembered, save: (info) => void saved.push(info) } });
    client.prepare(dataset, 'auto');
    const runId = client.start(spec, dataset, hyper, 'auto');
    client.start(spec, dataset, hyper, 'wasm'); // a chosen backend is not measured
    expect(workers[0]!.sent.map((m) => ('remembered' in m ? m.remembered : null))).toEqual([remembered, remembered, null]);
    const backend = { name: 'webgpu' as const, reason: 'auto: webgpu fastest', measuredMs: { webgpu: 2, wasm: 9 } };
    workers[0]!.reply({ type: 'backend', runId: runId + 1, backend });
    expect(saved).toEqual([backend]);
  });

  it('asked again before any run, replaces the worker with a fresh one', () => {
    const { client, workers } = setup();
    client.prepare(dataset, 'auto');
    client.prepare(dataset, 'wasm');
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent).toEqual([{ type: 'prepare', dataset, backend: 'wasm' }]);
  });

  it('replaces a worker that failed before any run, so the first Train does not wait on a dead one', () => {
    const { client, workers, received } = setup();
    client.prepare(dataset, 'auto');
    workers[0]!.fail('Failed to fetch a dynamically imported module');
    expect(workers[0]!.terminated).toBe(true);
    expect(received).toEqual([]);
    client.start(spec, dataset, hyper, 'auto');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.sent.map((m) => m.type)).toEqual(['start']);
  });
});
