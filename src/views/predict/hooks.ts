import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { classNamesKey, datasetEntry } from '../../data/registry';
import type { PredictionState } from '../../train/api/predictChannel';
import { useApp, useServices } from '../AppContext';

/** The prediction channel's state, re-rendering only when an answer or a report arrives. */
export function usePredictionState(): PredictionState {
  const { predictions } = useServices().run;
  return useSyncExternalStore(predictions.subscribe, predictions.getState);
}

/** Class names of the chosen dataset ('0'..'9' for MNIST); numbers when unknown. */
export function useClassNames(count: number): readonly string[] {
  const { t } = useTranslation('walk');
  const datasetId = useApp((s) => s.datasetId);
  const names = useApp((s) => (s.datasetId === 'custom' ? s.customDataset?.data.meta.classNames : datasetEntry(s.datasetId).classNames));
  return useMemo(() => {
    if (!names || names.length !== count) return Array.from({ length: count }, (_, i) => String(i));
    // A built-in dataset's classes in the UI language; the user's own class names as they named them.
    return datasetId === 'custom' ? names : names.map((name) => t(`classNames.${classNamesKey(datasetId)}.${name}`, { defaultValue: name }));
  }, [names, count, datasetId, t]);
}

/** [height, width, channels] the network takes. */
export function useInputShape(): readonly [number, number, number] {
  const shape = useApp((s) => s.dataShape.inputShape);
  return [shape[0] ?? 28, shape[1] ?? 28, shape[2] ?? 1];
}

/** The chosen dataset's task ('classification' when it names none) and its number of classes. */
export function useDatasetTask(): { task: string; count: number } {
  const task = useApp((s) => (s.datasetId === 'custom' ? s.customDataset?.data.meta.task : datasetEntry(s.datasetId).task));
  const count = useApp((s) => s.dataShape.numClasses);
  return useMemo(() => ({ task: task ?? 'classification', count }), [task, count]);
}

/** The test image a gallery last chose, and choosing one: the feature maps then show it, and scroll into view. */
export function useChooseTestImage(): [chosen: number | null, choose: (index: number) => void] {
  const { probes } = useServices().run;
  const [chosen, setChosen] = useState<number | null>(null);
  const choose = useCallback((index: number) => {
    setChosen(index);
    // The feature-map views probe whatever input their channel is given: a test image by its index.
    probes.setInput({ kind: 'test', index });
    document.getElementById('viz-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [probes]);
  return [chosen, choose];
}
