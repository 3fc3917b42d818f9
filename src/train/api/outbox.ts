// Holds the worker's posts for one step and sends them as one message, so what belongs together (a probe
// snapshot and the metrics flushed with it) reaches the page in one task. Posted separately, the page can
// run an animation frame between them and draw twice, which costs the main thread and the compositor
// CPU that training on a small machine would otherwise get.
import type { FromWorker } from './protocol';

export type PostFn = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface Outbox {
  readonly post: PostFn;
  /** From now until release(), posts are queued. */
  hold(): void;
  /** Sends what was queued: nothing, the one message as it is, or several as one 'batch'. */
  release(): void;
}

export function createOutbox(send: PostFn): Outbox {
  let held = false;
  let queue: { msg: FromWorker; transfer: Transferable[] }[] = [];
  return {
    post(msg, transfer) {
      if (held) queue.push({ msg, transfer: transfer ?? [] });
      else send(msg, transfer);
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
      const out = queue;
      queue = [];
      const [first] = out;
      if (!first) return;
      if (out.length === 1) {
        send(first.msg, first.transfer.length > 0 ? first.transfer : undefined);
        return;
      }
      const transfer = out.flatMap((m) => m.transfer);
      send({ type: 'batch', runId: first.msg.runId, messages: out.map((m) => m.msg) }, transfer.length > 0 ? transfer : undefined);
    },
  };
}

/** The messages a post carries: a batch's in order, or the one message. */
export function unbatch(msg: FromWorker): FromWorker[] {
  return msg.type === 'batch' ? msg.messages.flatMap(unbatch) : [msg];
}
