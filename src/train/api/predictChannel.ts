// The UI side of predictions: sends draw-pad / upload images to the worker and keeps the latest answer
// and the latest confusion report, outside React and the store (a draw-pad stroke can ask many times a
// second). Only one request is in flight; a newer image replaces a waiting one, so answers never pile up.
// When an epoch ends the last image is asked again, so the probabilities follow the training.
import type { TrainingClient } from './client';
import type { ConfusionReport, FromWorker } from './protocol';

export interface PredictionState {
  /** The run whose model answers; null before any run. */
  readonly runId: number | null;
  readonly probabilities: Float32Array | null;
  /** The epoch whose weights gave the probabilities (0 = none). */
  readonly epoch: number;
  /** Why there are no probabilities: no trained model yet, or the image did not fit the model. */
  readonly reason: 'no-model' | 'bad-input' | null;
  readonly confusion: ConfusionReport | null;
}

export interface PredictionChannel {
  /** Asks for the probabilities of one image (H*W*C floats in [0, 1]); the array is copied. */
  request(input: Float32Array): void;
  getState(): PredictionState;
  subscribe(listener: () => void): () => void;
  /**
   * Forgets the current run's answers and report, and asks it nothing more (its dataset is no longer the
   * chosen one); a drawing is answered again once a new run has a model.
   */
  detach(): void;
  dispose(): void;
}

type ClientPart = Pick<TrainingClient, 'predict' | 'subscribe'>;

const EMPTY: PredictionState = { runId: null, probabilities: null, epoch: 0, reason: null, confusion: null };

export function createPredictionChannel(client: ClientPart): PredictionChannel {
  let state = EMPTY;
  let nextId = 1;
  let inFlight: number | null = null;
  let waiting: Float32Array | null = null;
  let last: Float32Array | null = null;
  /** The run whose answers no longer apply (detach); its late messages are dropped. */
  let detachedRun: number | null = null;
  const listeners = new Set<() => void>();
  const set = (patch: Partial<PredictionState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };

  const send = () => {
    if (inFlight !== null || !waiting) return;
    const id = nextId++;
    // The client transfers the buffer it is given: keep our own copy for asking again after an epoch.
    if (client.predict(id, waiting.slice())) inFlight = id;
    else set({ probabilities: null, epoch: 0, reason: 'no-model' });
    waiting = null;
  };

  const onMessage = (msg: FromWorker) => {
    if (msg.runId === detachedRun) return;
    if (msg.runId !== state.runId) {
      // A new run: its first epoch has not ended, so nothing of the old run's answers applies; an image
      // already drawn waits for that epoch (and is asked again then).
      inFlight = null;
      set({ runId: msg.runId, confusion: null, probabilities: null, epoch: 0, reason: last ? 'no-model' : null });
    }
    if (msg.type === 'prediction' && msg.requestId === inFlight) {
      inFlight = null;
      set({ probabilities: msg.probabilities, epoch: msg.epoch, reason: msg.reason ?? null });
      send();
    } else if (msg.type === 'confusion') {
      set({ confusion: msg.report });
      if (last && !waiting) {
        waiting = last;
        send();
      }
    }
  };
  const off = client.subscribe(onMessage);

  return {
    request(input) {
      last = input.slice();
      if (detachedRun !== null && detachedRun === state.runId) {
        set({ probabilities: null, epoch: 0, reason: 'no-model' });
        return;
      }
      waiting = last;
      send();
    },
    detach() {
      detachedRun = state.runId;
      inFlight = null;
      waiting = null;
      last = null;
      set({ probabilities: null, epoch: 0, reason: null, confusion: null });
    },
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      off();
      listeners.clear();
    },
  };
}
