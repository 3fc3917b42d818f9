// The page's handle on the embedding worker (embedWorker.ts): one job at a time, answers of an older job
// dropped. Created on first use, terminated on dispose.
/** The messages between the page and the embedding worker. */
export interface EmbedJob {
  readonly id: number;
  readonly features: Float32Array;
  readonly dim: number;
}

export type EmbedReply =
  | { readonly id: number; readonly type: 'progress'; readonly done: number }
  | { readonly id: number; readonly type: 'done'; readonly points: Float32Array; readonly ms: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

export interface Embedder {
  /** Embeds count * dim features in 2-D; `onProgress` gets the share done. Rejects when a newer job replaces it. */
  embed(features: Float32Array, dim: number, onProgress?: (done: number) => void): Promise<{ points: Float32Array; ms: number }>;
  dispose(): void;
}

export function createEmbedder(): Embedder {
  let worker: Worker | null = null;
  let nextId = 1;
  let current: { id: number; resolve: (r: { points: Float32Array; ms: number }) => void; reject: (e: Error) => void;
    progress?: (done: number) => void } | null = null;
  const ensure = () => {
    if (worker) return worker;
    worker = new Worker(new URL('../understand/embedWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<EmbedReply>) => {
      const reply = event.data;
      if (!current || reply.id !== current.id) return;
      if (reply.type === 'progress') current.progress?.(reply.done);
      else if (reply.type === 'done') current.resolve({ points: reply.points, ms: reply.ms });
      else current.reject(new Error(reply.message));
    };
    worker.onerror = (event) => current?.reject(new Error(event.message || 'the embedding worker failed'));
    return worker;
  };
  return {
    embed(features, dim, onProgress) {
      current?.reject(new Error('replaced'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        current = { id, resolve, reject, ...(onProgress ? { progress: onProgress } : {}) };
        ensure().postMessage({ id, features, dim });
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      current = null;
    },
  };
}
