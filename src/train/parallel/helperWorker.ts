// A data-parallel helper Web Worker, started by the training worker (nested workers): binds helper.ts to
// the worker global. Messages are handled strictly one after another, in the order they came.
import { selectBackend } from '../backend';
import { buildModel } from '../buildModel';
import { wasmPaths } from '../wasmUrls';
import { createHelper } from './helper';
import type { FromHelper, ToHelper } from './helperProtocol';

const scope = self as unknown as {
  postMessage(message: FromHelper, options?: StructuredSerializeOptions): void;
  onmessage: ((event: MessageEvent<ToHelper>) => void) | null;
};

const helper = createHelper({
  selectBackend: async (name) => {
    const info = await selectBackend(name, { wasmPaths: wasmPaths() });
    if (info.name !== name) throw new Error(`the ${name} backend did not start here (${info.reason})`);
  },
  buildModel,
});

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(async () => {
    const { answer, transfer } = await helper.handle(event.data);
    scope.postMessage(answer, transfer ? { transfer } : undefined);
  });
};
