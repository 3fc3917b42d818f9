// The training Web Worker: messages in, the engine's posts out (with their transfer lists). All the logic
// lives in engine.ts so Node tests can drive it; this file only binds it to the worker global.
import { createTrainingEngine } from './engine';
import { rememberSelection, selectBackend } from './backend';
import { loadWebGpuBackend } from './backendMeasure';
import type { BackendChoice, FromWorker, ToWorker } from './api/protocol';
import { wasmPaths } from './wasmUrls';
import { workerPort, type HelperPort } from './parallel/helperProtocol';
import { workerCount } from './parallel/shards';

// `self` is typed as Window by the DOM lib this project also loads; this is the part a worker has.
const scope = self as unknown as {
  postMessage(message: FromWorker, options?: StructuredSerializeOptions): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const select = rememberSelection((choice, remembered) => selectBackend(choice,
  { wasmPaths: wasmPaths(), loadWebGpu: loadWebGpuBackend, ...(remembered === undefined ? {} : { remembered }) }));
const canSpawn = typeof Worker !== 'undefined';
const spawn = (): HelperPort => workerPort(new Worker(new URL('./parallel/helperWorker.ts', import.meta.url), { type: 'module' }));
/** Helpers started while the page waits for Train, handed to the first run that trains data-parallel. */
const spares: HelperPort[] = [];

const engine = createTrainingEngine((msg, transfer) => scope.postMessage(msg, transfer ? { transfer } : undefined), {
  // Inside a bundled worker the wasm backend cannot guess where Vite put its binaries. Remembered, so the
  // selection made while the page waits for Train ('prepare') is the one the first run uses.
  selectBackend: select,
  // Data-parallel helpers are workers of this worker (parallel/coordinator.ts); where nested workers are
  // missing, runs train here alone and say so.
  spawnHelper: canSpawn ? () => spares.shift() ?? spawn() : null,
});

/** On a CPU backend the first run trains on helpers too (parallel/shards.ts): start them now, not on Train. */
function prepareHelpers(choice: BackendChoice): void {
  if (!canSpawn) return;
  select(choice).then((info) => {
    if (info.name !== 'wasm' && info.name !== 'cpu') return;
    for (let n = workerCount(navigator.hardwareConcurrency) - 1; spares.length < n;) spares.push(spawn());
  }, () => undefined);
}

scope.onmessage = (event) => {
  engine.handle(event.data);
  if (event.data.type === 'prepare') prepareHelpers(event.data.backend);
};
