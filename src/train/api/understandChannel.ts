// The UI side of the understanding views: sends requests to the worker and hands each view its answers,
// outside React and the store (class visualisation frames arrive several times a second). Answers of an
// older request of the same view, or of an earlier run, are dropped.
import type { TrainingClient } from './client';
import type { FromWorker } from './protocol';
import type { UnderstandFromWorker, UnderstandRequest, UnderstandView } from './understandProtocol';

export type UnderstandListener = (answer: UnderstandFromWorker) => void;

export interface UnderstandChannel {
  /** Sends the request for the current run; false when there is no run to ask. */
  request(request: UnderstandRequest): boolean;
  /** The latest answer for a view (of the current run), or null. */
  latest(view: UnderstandView): UnderstandFromWorker | null;
  subscribe(view: UnderstandView, listener: UnderstandListener): () => void;
  dispose(): void;
}

type ClientPart = Pick<TrainingClient, 'understand' | 'subscribe'>;

export function createUnderstandChannel(client: ClientPart): UnderstandChannel {
  let nextId = 1;
  let runId: number | null = null;
  const pending = new Map<UnderstandView, number>();
  const answers = new Map<UnderstandView, UnderstandFromWorker>();
  const listeners = new Map<UnderstandView, Set<UnderstandListener>>();

  const onMessage = (msg: FromWorker) => {
    if (msg.runId !== runId) {
      // A new run: nothing computed on the old one's weights is current any more.
      runId = msg.runId;
      answers.clear();
    }
    if (msg.type !== 'understanding') return;
    const view = [...pending].find(([, id]) => id === msg.requestId)?.[0];
    if (!view) return;
    answers.set(view, msg);
    listeners.get(view)?.forEach((l) => l(msg));
  };
  const off = client.subscribe(onMessage);

  return {
    request(request) {
      const id = nextId++;
      pending.set(request.view, id);
      return client.understand(id, request);
    },
    latest: (view) => answers.get(view) ?? null,
    subscribe(view, listener) {
      const set = listeners.get(view) ?? new Set();
      set.add(listener);
      listeners.set(view, set);
      return () => set.delete(listener);
    },
    dispose() {
      off();
      listeners.clear();
    },
  };
}
