// The class names every understanding view shows: those of the current dataset (MNIST's digits, CIFAR-10's
// names in the UI language, the folder names of the user's own images), as many as the network has classes.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { classNamesKey, datasetEntry, type DatasetId } from '../../data/registry';
import { useApp } from '../AppContext';

export interface ClassSource {
  readonly datasetId: DatasetId;
  /** The own images' class (folder) names, when the dataset is 'custom'. */
  readonly customNames: readonly string[] | null;
  /** How many classes the network tells apart. */
  readonly numClasses: number;
}

/** The names of `source`'s classes; numbers when the names are not known for that many classes. */
export function classNamesOf(source: ClassSource, t: TFunction): readonly string[] {
  const { datasetId, numClasses } = source;
  const names = datasetId === 'custom' ? source.customNames : datasetEntry(datasetId).classNames;
  if (!names || names.length !== numClasses) return Array.from({ length: numClasses }, (_, i) => String(i));
  // The user's own class names as they named them; a built-in dataset's in the UI language.
  return datasetId === 'custom' ? names : names.map((name) => t(`classNames.${classNamesKey(datasetId)}.${name}`, { defaultValue: name }));
}

export function useDatasetClassNames(): readonly string[] {
  const { t } = useTranslation('walk');
  const datasetId = useApp((s) => s.datasetId);
  const customNames = useApp((s) => s.customDataset?.data.meta.classNames ?? null);
  const numClasses = useApp((s) => s.dataShape.numClasses);
  return useMemo(() => classNamesOf({ datasetId, customNames, numClasses }, t), [datasetId, customNames, numClasses, t]);
}
