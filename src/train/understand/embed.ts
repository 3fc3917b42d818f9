// 2-D embedding of feature vectors with UMAP (McInnes et al. 2018, the umap-js port). Plain JavaScript, no
// tfjs: it runs in its own worker (embedWorker.ts) beside the training one, and in Node tests.
import { mulberry32 } from '../../data/batches';
import { UMAP } from 'umap-js';

/** count * 2 coordinates for count * dim features; `onProgress` gets the share of epochs done. */
export function embed2d(features: Float32Array, dim: number, seed = 1, onProgress?: (done: number) => void): Float32Array {
  const count = Math.floor(features.length / dim);
  if (count < 3) return new Float32Array(count * 2);
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) rows.push(Array.from(features.subarray(i * dim, (i + 1) * dim)));
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, count - 1), minDist: 0.1, random: mulberry32(seed) });
  const epochs = umap.initializeFit(rows);
  for (let e = 0; e < epochs; e++) {
    umap.step();
    if (onProgress && e % 20 === 0) onProgress(e / epochs);
  }
  const out = new Float32Array(count * 2);
  umap.getEmbedding().forEach((p, i) => out.set([p[0] ?? 0, p[1] ?? 0], i * 2));
  return out;
}
