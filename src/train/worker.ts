// The training Web Worker: messages in, the engine's posts out (with their transfer lists). All the logic
// lives in engine.ts so Node tests can drive it; this file only binds it to the worker global.
import { createTrainingEngine } from './engine';
import { rememberSelection, selectBackend } from './backend';
import { loadWebGpuBackend } from './backendMeasure';
import type { FromWorker, ToWorker } from './api/protocol';
import { wasmPaths } from './wasmUrls';
import { workerPort } from './parallel/helperProtocol';

// `self` is typed as Window by the DOM lib this project also loads; this is the part a worker has.
const scope = self as unknown as {
  postMessage(message: FromWorker, options?: StructuredSerializeOptions): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const engine = createTrainingEngine((msg, transfer) => scope.postMessage(msg, transfer ? { transfer } : undefined), {
  // Inside a bundled worker the wasm backend cannot guess where Vite put its binaries. Remembered, so the
  // selection made while the page waits for Train ('prepare') is the one the first run uses.
  selectBackend: rememberSelection((choice) => selectBackend(choice, { wasmPaths: wasmPaths(), loadWebGpu: loadWebGpuBackend })),
  // Data-parallel helpers are workers of this worker (parallel/coordinator.ts); where nested workers are
  // missing, runs train here alone and say so.
  spawnHelper: typeof Worker === 'undefined' ? null
    : () => workerPort(new Worker(new URL('./parallel/helperWorker.ts', import.meta.url), { type: 'module' })),
});

scope.onmessage = (event) => engine.handle(event.data);
