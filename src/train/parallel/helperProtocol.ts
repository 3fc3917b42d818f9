// Messages between the training worker (the coordinator) and its data-parallel helper workers. A helper is
// stateless between steps apart from its network: every step brings the current weights and the helper's
// shard of the batch, and the helper answers with its shard's loss, accuracy and gradients (transferred).
import type { DataShape, ModelSpec } from '../../model/spec';
import type { BackendName } from '../api/protocol';
import type { TaskLossOptions } from '../tasks/registry';

export type ToHelper =
  | { readonly type: 'init'; readonly spec: ModelSpec; readonly dataShape: DataShape; readonly seed: number;
      readonly backend: BackendName; readonly weightDecay: number;
      /** The run's task (src/tasks/registry.ts); classification when absent. */
      readonly task?: string;
      /** Segmentation's Dice weight and class weights, or the detector's loss weights, as the coordinator worked them out. */
      readonly taskLoss?: TaskLossOptions }
  | { readonly type: 'step'; readonly weights: readonly Float32Array[]; readonly x: Float32Array; readonly y: Float32Array | Int32Array;
      readonly n: number; readonly epoch: number; readonly step: number;
      /** Where the shard sits in the whole batch (dropout masks are the whole batch's rows) and its batch-norm groups. */
      readonly batch: number; readonly offset: number; readonly groups: readonly number[] };

export type FromHelper =
  | { readonly type: 'ready' }
  | { readonly type: 'grads'; readonly loss: number; readonly accuracy: number; readonly grads: Float32Array[] }
  | { readonly type: 'failed'; readonly message: string };

/** One helper as the coordinator sees it: a Worker in the browser, an in-process stand-in in Node tests. */
export interface HelperPort {
  post(msg: ToHelper, transfer?: Transferable[]): void;
  /** Every answer, in order; a crashed or unloadable worker answers 'failed'. */
  listen(onAnswer: (msg: FromHelper) => void): void;
  terminate(): void;
}

export type SpawnHelper = () => HelperPort;

/**
 * A dedicated Worker as a helper port. Requests and answers travel over a MessageChannel of their own, handed
 * to the worker first (helperWorker.ts), not through the worker's own postMessage.
 */
export function workerPort(worker: Worker): HelperPort {
  const channel = new MessageChannel();
  worker.postMessage({ type: 'port' }, [channel.port2]);
  return {
    post: (msg, transfer) => channel.port1.postMessage(msg, transfer ?? []),
    listen: (onAnswer) => {
      channel.port1.onmessage = (e: MessageEvent<FromHelper>) => onAnswer(e.data);
      channel.port1.onmessageerror = () => onAnswer({ type: 'failed', message: 'a message from the helper could not be read' });
      worker.onerror = (e) => {
        e.preventDefault();
        onAnswer({ type: 'failed', message: e.message || 'the helper worker could not run' });
      };
    },
    terminate: () => {
      channel.port1.close();
      worker.terminate();
    },
  };
}
