// The estimate of the run the Train button would start: memory, time per epoch, refusal. Derived from the
// store with the pure estimateRun, recomputed only when its inputs change.
import { useMemo } from 'react';
import { datasetEntry } from '../../data/registry';
import { labelledCount } from '../../data/labelShare';
import type { ModelAnalysis } from '../../model/analysis';
import type { DataShape, ModelSpec } from '../../model/spec';
import { estimateRun, type RunEstimate } from '../../train/api/estimate';
import type { BackendChoice, BackendName, OptimizerName } from '../../train/api/protocol';
import type { AppState } from '../../store/appStore';
import { useApp } from '../AppContext';

function trainCount(s: AppState): number {
  const full = s.datasetId === 'custom' ? (s.customDataset?.data.train.count ?? 0) : datasetEntry(s.datasetId).trainCount;
  return Math.round(labelledCount(full, s.hyper.labelShare ?? 1) * (1 - s.validationFraction));
}

export function useRunEstimate(): RunEstimate | null {
  const spec = useApp((s) => s.spec);
  const data = useApp((s) => s.dataShape);
  const analysis = useApp((s) => s.analysis);
  const batchSize = useApp((s) => s.hyper.batchSize);
  const optimizer = useApp((s) => s.hyper.optimizer);
  const backendChoice = useApp((s) => s.backendChoice);
  const backendUsed = useApp((s) => s.backend?.name ?? null);
  const count = useApp(trainCount);
  const measured = useApp((s) => s.epochs.at(-1)?.multiplyAddsPerSecond ?? null);
  return useMemo(() => runEstimate({ spec, data, analysis, batchSize, optimizer, backendChoice, backendUsed, count, measured }),
    [spec, data, analysis, batchSize, optimizer, backendChoice, backendUsed, count, measured]);
}

export interface EstimateState {
  readonly spec: ModelSpec;
  readonly data: DataShape;
  readonly analysis: ModelAnalysis;
  readonly batchSize: number;
  readonly optimizer: OptimizerName;
  readonly backendChoice: BackendChoice;
  /** The backend the last run used, and the training multiply-adds per second it measured. */
  readonly backendUsed: BackendName | null;
  readonly count: number;
  readonly measured: number | null;
}

/**
 * The estimate for the network as it is now. A measured speed is a rate of work (multiply-adds per
 * second), so after an edit a bigger network gets a longer estimate and a smaller one a shorter.
 */
export function runEstimate(e: EstimateState): RunEstimate | null {
  if (!e.analysis.valid) return null;
  const backend = e.backendChoice === 'auto' && e.backendUsed ? e.backendUsed : e.backendChoice;
  const sameBackend = e.backendUsed !== null && backend === e.backendUsed;
  const base = { spec: e.spec, data: e.data, analysis: e.analysis, hyper: { batchSize: e.batchSize, optimizer: e.optimizer },
    trainCount: e.count, backend };
  return sameBackend && e.measured !== null && e.measured > 0
    ? estimateRun({ ...base, measuredMacsPerSecond: e.measured }) : estimateRun(base);
}
