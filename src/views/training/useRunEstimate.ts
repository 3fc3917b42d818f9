// The estimate of the run the Train button would start: memory, time per epoch, refusal. Derived from the
// store with the pure estimateRun, recomputed only when its inputs change.
import { useMemo } from 'react';
import { datasetEntry } from '../../data/registry';
import { estimateRun, type RunEstimate } from '../../train/estimate';
import type { AppState } from '../../store/appStore';
import { useApp } from '../AppContext';

function trainCount(s: AppState): number {
  const full = s.datasetId === 'custom' ? (s.customDataset?.data.train.count ?? 0) : datasetEntry(s.datasetId).trainCount;
  return Math.round(full * (1 - s.validationFraction));
}

export function useRunEstimate(): RunEstimate | null {
  const analysis = useApp((s) => s.analysis);
  const batchSize = useApp((s) => s.hyper.batchSize);
  const optimizer = useApp((s) => s.hyper.optimizer);
  const backendChoice = useApp((s) => s.backendChoice);
  const backendUsed = useApp((s) => s.backend?.name ?? null);
  const count = useApp(trainCount);
  // The last finished epoch's speed, when it ran on the backend this run would use.
  const lastSpeed = useApp((s) => s.epochs.at(-1)?.imagesPerSecond ?? null);
  return useMemo(() => {
    if (!analysis.valid) return null;
    const backend = backendChoice === 'auto' && backendUsed ? backendUsed : backendChoice;
    const first = estimateRun({ analysis, hyper: { batchSize, optimizer }, trainCount: count, backend });
    const sameBackend = backendUsed !== null && backend === backendUsed;
    if (!sameBackend || !lastSpeed || first.forwardMacs === 0) return first;
    return estimateRun({ analysis, hyper: { batchSize, optimizer }, trainCount: count, backend,
      measuredMacsPerSecond: lastSpeed * 3 * first.forwardMacs });
  }, [analysis, batchSize, optimizer, backendChoice, backendUsed, count, lastSpeed]);
}

export function formatMemory(bytes: number, lang: string): string {
  const mb = bytes / 1024 ** 2;
  const fmt = (x: number, digits: number) => x.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits });
  return mb >= 1024 ? `${fmt(mb / 1024, 1)} GB` : `${fmt(mb, mb < 10 ? 1 : 0)} MB`;
}
