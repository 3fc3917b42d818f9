// Runs the 'bn' suite (bnSuite.ts) in a worker on wasm, as training runs in the app.
import { selectBackend } from '../src/train/backend';
import { wasmPaths } from '../src/train/wasmUrls';
import { runBnSuite } from './bnSuite';

self.onmessage = async () => {
  try {
    const backend = await selectBackend('wasm', { wasmPaths: wasmPaths() });
    if (backend.name !== 'wasm') throw new Error(`the bn suite needs wasm, got ${backend.name}: ${backend.reason}`);
    self.postMessage({ ok: true, result: runBnSuite() });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
