// Wires the training client to the store and the metric series: the only place that knows both.
import { fittingWeights } from '../project/backbone';
import type { WeightList } from '../codegen/weights';
import type { DataShape, ModelSpec } from '../model/spec';
import type { DatasetRef, EpochResult } from '../train/api/protocol';
import type { TrainingClient } from '../train/api/client';
import { createPredictionChannel, type PredictionChannel } from '../train/api/predictChannel';
import type { Series } from '../metrics/series';
import type { SavedRuns } from '../metrics/savedRuns';
import { createProbeChannel, type ProbeChannel } from '../paint/probeChannel';
import { createUnderstandChannel, type UnderstandChannel } from '../train/api/understandChannel';
import type { AppStore } from './appStore';
import { selectHasInvalidField, selectIsPaused, selectIsRunning, selectRunActive } from './appStore';
import { selectResultsStale, trainedOn } from './results';
import { selectScoreKind } from './dataSlice';
import { scoredPerBatch } from '../tasks/score';

export interface RunSeries {
  readonly loss: Series;
  readonly accuracy: Series;
  /** A reopened project's earlier runs, overlaid by the loss chart (set by the project session). */
  readonly saved?: SavedRuns;
}

export interface RunController {
  start(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** One batch: while paused, the next one; with no run going, starts a run paused and takes its first. */
  step(): void;
  /** Sets the learning rate; a running or paused run uses it from its next batch. */
  setLearningRate(learningRate: number): void;
  /** Draw-pad / upload predictions and the per-epoch confusion report (outside the store). */
  readonly predictions: PredictionChannel;
  /** Probes inside the network (feature maps, filters, gradients, saliency), outside the store. */
  readonly probes: ProbeChannel;
  /** Saved projects (src/project/projectSession.ts): weights out of and into the worker. */
  readonly weights: Pick<TrainingClient, 'requestWeights' | 'loadWeights' | 'subscribe'>;
  /**
   * A reopened project (projectSession.ts): its weights become the current run's model, ended, with its
   * epoch records; the worker brings back the confusion matrix, probes and understanding views on them.
   */
  restore(saved: RestoredRun): number;
  /** The understanding views' requests and answers (train/api/understandChannel.ts), outside the store. */
  readonly understanding: UnderstandChannel;
  dispose(): void;
}

/** What a reopened project hands the run: the trained network, its weights and its latest run's records. */
export interface RestoredRun {
  readonly spec: ModelSpec;
  readonly dataShape: DataShape;
  readonly weights: WeightList;
  readonly epochs: readonly EpochResult[];
  /** The step the weights were saved at (the curve's last step). */
  readonly step: number;
}

/** `dataset`: a fixed ref, or a function asked at every start (the dataset the user has chosen then). */
export function createRunController(store: AppStore, client: TrainingClient, series: RunSeries,
  dataset: DatasetRef | (() => DatasetRef)): RunController {
  const predictions = createPredictionChannel(client);
  const probes = createProbeChannel();
  const offProbes = probes.onConfig((config) => client.configureProbes(config));
  // A run whose results were cleared (another dataset chosen since): its late probes are not shown.
  let clearedRun: number | null = null;
  const understanding = createUnderstandChannel(client);
  // A detector's per-batch "accuracy" is the share of cells right about holding an object, not a detector's
  // score: its runs record no accuracy curve (src/tasks/score.ts), so nothing shows it under that name.
  let recordAccuracy = true;
  const off = client.subscribe((msg) => {
    const s = store.getState();
    if (msg.runId === clearedRun) return;
    switch (msg.type) {
      case 'phase':
        s.setPhase(msg.phase, msg.detail ?? null);
        break;
      case 'backend':
        s.setBackend(msg.backend);
        break;
      case 'dataset':
        s.setExamples(msg.trainCount, msg.testCount, msg.labelledOf);
        break;
      case 'metrics': {
        const { batch } = msg;
        series.loss.append(batch.step, batch.loss);
        if (recordAccuracy) series.accuracy.append(batch.step, batch.accuracy);
        const last = batch.step.length - 1;
        if (last >= 0) s.setProgress(batch.epoch[last] as number, batch.step[last] as number, batch.learningRate);
        break;
      }
      case 'epoch':
        s.addEpoch(msg.result);
        break;
      case 'diverged':
        s.setDivergence(msg.divergence);
        break;
      case 'error':
        s.setError(msg.message, msg.failure ?? null);
        break;
      case 'probes':
        probes.push(msg.probes);
        break;
    }
  });

  // Results belong to the run that made them: another dataset makes them meaningless (wrong class names,
  // wrong input size), so they go; a changed network only marks them stale (results.ts, StaleNote).
  const offStore = store.subscribe((s, prev) => {
    if (s.datasetId === prev.datasetId && s.customDataset === prev.customDataset) return;
    if (selectResultsStale(s) !== 'dataset' || selectRunActive(s)) return;
    clearedRun = s.runId;
    predictions.detach();
    probes.clear();
    s.clearResults();
  });

  const startRun = (paused: boolean): boolean => {
    const s = store.getState();
    // A field showing invalid text would otherwise train silently with the last valid value.
    if (!s.analysis.valid || selectHasInvalidField(s)) return false;
    series.loss.clear();
    series.accuracy.clear();
    recordAccuracy = scoredPerBatch(selectScoreKind(s));
    probes.clear();
    const ref = typeof dataset === 'function' ? dataset() : dataset;
    const runId = client.start(s.spec, ref, s.hyper, s.backendChoice, { ...(paused ? { paused: true } : {}),
      ...(s.workersChoice !== 'auto' ? { workers: s.workersChoice } : {}),
      ...(s.startWeights ? { initialWeights: fittingWeights(s.startWeights.weights, s.spec, s.dataShape) } : {}) });
    s.runStarted(runId, trainedOn(s));
    return true;
  };

  return {
    start: () => void startRun(false),
    pause: () => client.pause(),
    resume: () => client.resume(),
    stop: () => client.stop(),
    step() {
      const s = store.getState();
      if (selectIsPaused(s)) client.step();
      else if (!selectIsRunning(s) && startRun(true)) client.step();
    },
    setLearningRate(learningRate) {
      if (!(learningRate > 0) || !Number.isFinite(learningRate)) return;
      const s = store.getState();
      s.setHyper({ learningRate });
      if (selectRunActive(s)) client.setLearningRate(learningRate);
    },
    restore(saved) {
      const s = store.getState();
      probes.clear();
      const ref = typeof dataset === 'function' ? dataset() : dataset;
      const epoch = saved.epochs.at(-1)?.epoch ?? 1;
      const runId = client.loadWeights(saved.spec, saved.dataShape, saved.weights, epoch, { dataset: ref, backend: s.backendChoice, step: saved.step });
      s.runRestored(runId, saved.epochs, trainedOn(s), saved.step);
      return runId;
    },
    predictions,
    probes,
    weights: client,
    understanding,
    dispose() {
      off();
      offProbes();
      offStore();
      understanding.dispose();
      predictions.dispose();
      client.dispose();
    },
  };
}
