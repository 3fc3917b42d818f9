// A data-parallel helper's work, independent of the Worker global so Node tests can run it in-process:
// 'init' selects the coordinator's backend and builds the same network, each 'step' loads the weights it
// brings, sets the clock (its rows of the whole batch's dropout masks, its batch-norm groups)
// and answers with the shard's gradients.
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from '../builtModel';
import type { DataShape, ModelSpec } from '../../model/spec';
import type { BackendName } from '../api/protocol';
import { decayedVariables, trainableVariables } from '../steps';
import { shardStep, type ShardModel } from './shardStep';
import { workerTaskWith } from '../tasks/registry';
import type { FromHelper, ToHelper } from './helperProtocol';

export interface HelperDeps {
  readonly selectBackend: (name: BackendName) => Promise<void>;
  readonly buildModel: (spec: ModelSpec, data: DataShape, seed: number) => BuiltModel;
}

export interface Helper {
  /** The answer to one message; messages must be handled one at a time, in order. */
  handle(msg: ToHelper): Promise<{ answer: FromHelper; transfer?: Transferable[] }>;
  /** Frees the network (a terminated Worker frees it anyway; an in-process helper must). */
  dispose(): void;
}

export function createHelper(deps: HelperDeps): Helper {
  let state: { network: BuiltModel; shard: ShardModel } | null = null;
  const release = () => {
    state?.network.dispose();
    state = null;
  };
  const init = async (msg: Extract<ToHelper, { type: 'init' }>) => {
    release();
    await deps.selectBackend(msg.backend);
    const network = deps.buildModel(msg.spec, msg.dataShape, msg.seed);
    const variables = trainableVariables(network.model);
    const [h = 0, w = 0, c = 0] = msg.dataShape.inputShape;
    state = { network, shard: { logits: network.logits, variables, weightDecay: msg.weightDecay, decayed: decayedVariables(variables),
      inputShape: [h, w, c], numClasses: msg.dataShape.numClasses, task: workerTaskWith(msg.task, msg.taskLoss) } };
  };
  const step = (msg: Extract<ToHelper, { type: 'step' }>) => {
    if (state === null) throw new Error('a step before the network was built');
    const { network, shard } = state;
    if (msg.weights.length !== shard.variables.length) throw new Error('the weights do not match the network');
    tf.tidy(() => shard.variables.forEach((v, i) => v.assign(tf.tensor(msg.weights[i] as Float32Array, v.shape))));
    Object.assign(network.dropoutClock, { epoch: msg.epoch, step: msg.step, batch: msg.batch, offset: msg.offset, groups: msg.groups });
    return shardStep(shard, msg.x, msg.y, msg.n);
  };
  return {
    async handle(msg) {
      try {
        if (msg.type === 'init') {
          await init(msg);
          return { answer: { type: 'ready' } };
        }
        const { loss, accuracy, grads } = step(msg);
        return { answer: { type: 'grads', loss, accuracy, grads }, transfer: grads.map((g) => g.buffer as ArrayBuffer) };
      } catch (err) {
        return { answer: { type: 'failed', message: err instanceof Error ? err.message : String(err) } };
      }
    },
    dispose: release,
  };
}
