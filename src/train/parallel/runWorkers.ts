// Decides, at the start of a run, how many workers train it (shards.ts's planWorkers), starts the helpers
// and tells the page: the backend message is posted again with the worker count and its reason. Where the
// helpers cannot start, the run trains on one worker and the reason says why.
import { taskLossOptions, type TaskLossOptions } from '../tasks/registry';
import type { LoadedDataset } from '../../data/types';
import type { BackendInfo, WorkersInfo } from '../api/protocol';
import type { RunContext } from '../session';
import type { SpawnHelper } from './helperProtocol';
import { startParallel } from './coordinator';
import { planWorkers, virtualShardCount } from './shards';
import { analyzeModel } from '../../model/analyze';
import { measureModel } from '../../model/cost';
import type { ModelSpec } from '../../model/spec';

/** Forward multiply-adds per image, from the model core (0 when the network cannot be measured). */
function forwardMacs(spec: ModelSpec, data: LoadedDataset): number {
  const shape = { inputShape: data.meta.inputShape, numClasses: data.meta.classNames.length };
  const analysis = analyzeModel(spec, shape);
  return analysis.valid ? measureModel(spec, analysis, shape).totals.macs : 0;
}

export interface ParallelDeps {
  /** Starts a helper worker; null where this worker cannot start workers of its own. */
  readonly spawnHelper: SpawnHelper | null;
  /** Logical cores (navigator.hardwareConcurrency), when known. */
  readonly cores: () => number | undefined;
  /** Below this many multiply-adds per step one worker trains (shards.ts); tests of the parallel path set 0. */
  readonly minMacsPerStep?: number;
}

export const defaultParallelDeps: ParallelDeps = {
  spawnHelper: null,
  cores: () => (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
};

const withTaskLoss = (taskLoss: TaskLossOptions | undefined) => (taskLoss ? { taskLoss } : {});

export async function startRunWorkers(ctx: RunContext, deps: ParallelDeps, backend: BackendInfo, data: LoadedDataset): Promise<void> {
  const { msg } = ctx;
  const batchNorm = msg.spec.blocks.some((b) => b.kind === 'batchnorm');
  const plan = planWorkers({ choice: msg.workers, cores: deps.cores(), backend: backend.name,
    batchSize: Math.min(msg.hyper.batchSize, data.train.count), canSpawn: deps.spawnHelper !== null,
    ...(batchNorm ? { maxShares: virtualShardCount(msg.hyper.batchSize) } : {}),
    macsPerStep: forwardMacs(msg.spec, data) * Math.min(msg.hyper.batchSize, data.train.count),
    ...(deps.minMacsPerStep !== undefined ? { minMacsPerStep: deps.minMacsPerStep } : {}) });
  const tell = (workers: WorkersInfo) => ctx.post({ type: 'backend', runId: msg.runId, backend: { ...backend, workers } });
  const failed = (detail: string): WorkersInfo => ({ ...plan, count: 1, reason: 'failed', detail });
  if (plan.count > 1 && deps.spawnHelper !== null) {
    const dataShape = { inputShape: data.meta.inputShape, numClasses: data.meta.classNames.length };
    try {
      ctx.parallel = await startParallel(deps.spawnHelper, plan.count,
        { spec: msg.spec, dataShape, seed: msg.hyper.seed, backend: backend.name, weightDecay: msg.hyper.weightDecay,
          ...(data.meta.task ? { task: data.meta.task } : {}), ...withTaskLoss(taskLossOptions(data, msg.hyper.pixelLoss, msg.hyper.boxLoss)) },
        { batchSize: msg.hyper.batchSize, batchNorm }, (detail) => tell(failed(detail)));
    } catch (err) {
      return tell(failed(err instanceof Error ? err.message : String(err)));
    }
  }
  tell(plan);
}
