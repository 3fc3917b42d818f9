// The embedding worker: UMAP takes seconds for a few thousand points, so it runs here, off the page and
// off the training worker. One job at a time; a newer job's id makes the page ignore older answers.
import type { EmbedJob, EmbedReply } from '../api/embedClient';
import { embed2d } from './embed';


const scope = self as unknown as {
  postMessage(message: EmbedReply, options?: StructuredSerializeOptions): void;
  onmessage: ((event: MessageEvent<EmbedJob>) => void) | null;
};

scope.onmessage = (event) => {
  const { id, features, dim } = event.data;
  const started = performance.now();
  try {
    const points = embed2d(features, dim, 1, (done) => scope.postMessage({ id, type: 'progress', done }));
    scope.postMessage({ id, type: 'done', points, ms: performance.now() - started }, { transfer: [points.buffer] });
  } catch (err) {
    scope.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
