// 'transfer' suite (not in the default set): the claim on cs231n's matrix, similar data. The small CIFAR
// network (recipes.ts cifarSmall) is pretrained on CIFAR-10's six animal classes (30,000 images, the app's
// class subset), saved as a project would be, and its blocks up to the last one before the output become the
// backbone for the four vehicle classes at 10% of their labels (2,000 images, seeded, the same share of every
// class): a linear probe (backbone frozen, new head), fine-tuning, and the same network from scratch, through
// the app's engine and the plan the page uses (project/transferMatrix.ts). Claim: probe − scratch >= 10 points
// of test accuracy on the 4,000 vehicle test images.
import { datasetEntry } from '../src/data/registry';
import type { WeightList } from '../src/codegen/weights';
import type { ModelSpec } from '../src/model/spec';
import { cutCandidates } from '../src/project/backbone';
import type { Project } from '../src/project/types';
import { gainOverScratch, transferKey, transferPlan, transferTable } from '../src/project/transferMatrix';
import { createTrainingClient } from '../src/train/api/client';
import type { BackendChoice, EpochResult, HyperParams } from '../src/train/api/protocol';
import { round } from './engineRun';
import { CIFAR_RECIPE, cifarSmall } from './recipes';

const PRETRAIN_EPOCHS = 6;
const TRANSFER_EPOCHS = 15;
const SHARE = 0.1;
const CLAIM_POINTS = 10;

interface Trained {
  readonly epochs: EpochResult[];
  readonly weights: WeightList;
  readonly trainImages: number;
}

/** One run through the app's worker engine; its final weights are asked for once it is done. */
function train(spec: ModelSpec, url: string, classes: readonly number[], hyper: HyperParams, backend: BackendChoice,
  initialWeights?: WeightList): Promise<Trained> {
  const client = createTrainingClient();
  const epochs: EpochResult[] = [];
  let trainImages = 0;
  return new Promise<Trained>((resolve, reject) => {
    client.subscribe((msg) => {
      if (msg.type === 'dataset') trainImages = msg.trainCount;
      if (msg.type === 'epoch') epochs.push(msg.result);
      if (msg.type === 'error') reject(new Error(msg.message));
      if (msg.type === 'phase' && msg.phase === 'done') client.requestWeights(1);
      if (msg.type === 'weights') {
        if (msg.weights === null) reject(new Error('the run left no weights'));
        else resolve({ epochs, weights: msg.weights, trainImages });
      }
    });
    client.start(spec, { url, classes, validationFraction: 0 }, hyper, backend, { workers: 'one', ...(initialWeights ? { initialWeights } : {}) });
  }).finally(() => client.dispose());
}

const summary = (run: Trained) => ({
  testAccuracy: round(run.epochs.at(-1)?.testAccuracy ?? 0, 4),
  trainSeconds: round(run.epochs.reduce((t, e) => t + e.seconds, 0), 1),
  trainImages: run.trainImages,
});

export async function runTransferSuite(cifarUrl: string, backend: BackendChoice) {
  const animals = datasetEntry('cifar10-animals');
  const vehicles = datasetEntry('cifar10-vehicles');
  const { spec, source } = cifarSmall();
  const pretrainHyper: HyperParams = { ...CIFAR_RECIPE, epochs: PRETRAIN_EPOCHS };
  const pretrained = await train(spec, cifarUrl, animals.subsetOf?.classes ?? [], pretrainHyper, backend);
  // As the Projects panel would have it: the animals network with its trained weights.
  const project: Project = { id: 'bench-animals', name: 'animals', createdAt: 0, updatedAt: 0, runs: [], testAccuracy: null, lessonProgress: null,
    experiment: { spec, hyper: pretrainHyper, datasetId: 'cifar10-animals', validationFraction: 0 }, dataShape: animals.shape, weights: pretrained.weights };
  const cut = cutCandidates(spec).at(-1) ?? '';
  const plan = transferPlan(project, cut, vehicles.shape, [SHARE]);
  if (!plan.ok) throw new Error(`the backbone was refused: ${plan.problem.code}`);
  const hyper: HyperParams = { ...CIFAR_RECIPE, epochs: TRANSFER_EPOCHS, labelShare: SHARE };
  const runs: Record<string, ReturnType<typeof summary>> = {};
  for (const r of plan.runs) {
    runs[r.way] = summary(await train(r.spec, cifarUrl, vehicles.subsetOf?.classes ?? [], hyper, backend, r.startWeights ?? undefined));
  }
  const table = transferTable(plan.runs.map((r) => ({ key: transferKey(r.way, r.share), testAccuracy: runs[r.way]?.testAccuracy ?? null })));
  const gain = gainOverScratch(table, 'probe', SHARE);
  // The probe again at each pooling block, earlier in the backbone: the last dense layer's features were made for
  // the six animals, the convolutions' more general (cs231n: a probe on earlier layers for less similar data).
  const probeByCut: Record<string, ReturnType<typeof summary>> = { [cut]: runs.probe ?? summary({ epochs: [], weights: [], trainImages: 0 }) };
  for (const earlier of spec.blocks.filter((b) => b.kind === 'maxpool2d').map((b) => b.id)) {
    const at = transferPlan(project, earlier, vehicles.shape, [SHARE]);
    const probe = at.ok ? at.runs.find((r) => r.way === 'probe') : undefined;
    if (!probe) continue;
    probeByCut[earlier] = summary(await train(probe.spec, cifarUrl, vehicles.subsetOf?.classes ?? [], hyper, backend, probe.startWeights ?? undefined));
  }
  const bestCut = Object.entries(probeByCut).sort((a, b) => b[1].testAccuracy - a[1].testAccuracy)[0];
  const scratch = runs.scratch?.testAccuracy;
  return {
    network: source, cut, recipe: 'CIFAR_RECIPE (adam 0.002, cosine, flip, batch 64), no validation split',
    pretrainAnimals: { epochs: PRETRAIN_EPOCHS, ...summary(pretrained) },
    vehiclesAt10Percent: { epochs: TRANSFER_EPOCHS, ...runs },
    probeMinusScratchPoints: gain === null ? null : round(gain, 1),
    probeByCut,
    bestProbeCut: bestCut?.[0] ?? null,
    bestProbeMinusScratchPoints: bestCut && scratch !== undefined ? round(100 * (bestCut[1].testAccuracy - scratch), 1) : null,
    claim: `probe - scratch >= ${CLAIM_POINTS} points`,
    claimHolds: gain !== null && gain >= CLAIM_POINTS,
  };
}
