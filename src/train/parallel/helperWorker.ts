// A data-parallel helper Web Worker, started by the training worker (nested workers): binds helper.ts to
// the worker global. Messages are handled strictly one after another, in the order they came.
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { wasmPaths } from '../wasmUrls';
import { createHelper } from './helper';
import type { FromHelper, ToHelper } from './helperProtocol';

const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null };

const helper = createHelper({
  selectBackend: async (name) => {
    const info = await selectBackend(name, { wasmPaths: wasmPaths() });
    if (info.name !== name) throw new Error(`the ${name} backend did not start here (${info.reason})`);
  },
  buildModel,
});

// The coordinator first hands over the port that every request and answer then travels on (workerPort).
scope.onmessage = (first) => {
  const port = first.ports[0];
  if (!port) return;
  scope.onmessage = null;
  let queue: Promise<void> = Promise.resolve();
  port.onmessage = (event: MessageEvent<ToHelper>) => {
    queue = queue.then(async () => {
      const { answer, transfer } = await helper.handle(event.data);
      port.postMessage(answer satisfies FromHelper, transfer ?? []);
    });
  };
};
