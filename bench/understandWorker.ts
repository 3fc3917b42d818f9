// The 'understand' suite's worker: one LeNet-5 run through the app's engine, with its understanding service
// present but never asked (as with the views closed), or with no service at all. Answers with every epoch's
// result once the run is done.
import { createTrainingEngine } from '../src/train/engine';
import { selectBackend } from '../src/train/backend';
import { loadWebGpuBackend } from '../src/train/backendMeasure';
import { unbatch } from '../src/train/api/outbox';
import type { BackendChoice, EpochResult, HyperParams } from '../src/train/api/protocol';
import type { LoadedDataset } from '../src/data/types';
import type { ModelSpec } from '../src/model/spec';
import { wasmPaths } from '../src/train/wasmUrls';

interface Request {
  readonly withService: boolean;
  readonly spec: ModelSpec;
  readonly data: LoadedDataset;
  readonly hyper: HyperParams;
  readonly backend: BackendChoice;
}

self.onmessage = (event: MessageEvent<Request>) => {
  const { withService, spec, data, hyper, backend } = event.data;
  const epochs: EpochResult[] = [];
  let backendName = '';
  const engine = createTrainingEngine((posted) => {
    for (const msg of unbatch(posted)) {
      if (msg.type === 'backend') backendName = msg.backend.name;
      if (msg.type === 'epoch') epochs.push(msg.result);
      if (msg.type === 'error') self.postMessage({ ok: false, error: msg.message });
      if (msg.type === 'phase' && msg.phase === 'done') self.postMessage({ ok: true, result: { backend: backendName, epochs } });
    }
  }, { selectBackend: (choice) => selectBackend(choice, { wasmPaths: wasmPaths(), loadWebGpu: loadWebGpuBackend }), understanding: withService });
  engine.handle({ type: 'start', runId: 1, spec, dataset: { kind: 'inline', data }, hyper, backend });
};
