// Helpers for Node tests: a helper port that runs helper.ts in this process, answering in a later macrotask
// with structured-cloned messages (transfers included), as a Worker would. `spawned` counts ports handed out.
import type { Helper, HelperDeps } from './helper';
import { createHelper } from './helper';
import type { FromHelper, HelperPort, SpawnHelper, ToHelper } from './helperProtocol';

export interface InProcessSpawner {
  readonly spawn: SpawnHelper;
  readonly spawned: () => number;
  /** Live ports (spawned and not terminated). */
  readonly live: () => number;
}

export function inProcessHelpers(deps: HelperDeps, wrap: (helper: Helper) => Helper = (h) => h): InProcessSpawner {
  let spawned = 0;
  let live = 0;
  const spawn = (): HelperPort => {
    spawned += 1;
    live += 1;
    const helper = wrap(createHelper(deps));
    let listener: ((msg: FromHelper) => void) | null = null;
    let ended = false;
    let queue: Promise<void> = Promise.resolve();
    return {
      post(msg: ToHelper, transfer?: Transferable[]) {
        const copy = structuredClone(msg, { transfer: transfer ?? [] });
        queue = queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0))).then(async () => {
          if (ended) return;
          const { answer, transfer: back } = await helper.handle(copy);
          const reply = structuredClone(answer, { transfer: back ?? [] });
          if (!ended) listener?.(reply);
        });
      },
      listen(onAnswer) { listener = onAnswer; },
      terminate() {
        if (ended) return;
        live -= 1;
        ended = true;
        // After the message in hand, as a Worker's memory goes with it.
        queue = queue.then(() => helper.dispose());
      },
    };
  };
  return { spawn, spawned: () => spawned, live: () => live };
}
