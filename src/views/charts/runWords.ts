// The words of the run names (runLabels.ts) from the i18n messages of the 'runLabels' namespace, with the
// optimizer names of the 'run' namespace.
import { CUSTOM_DATASET, formatValue, type RunDiff, type RunWords } from './runLabels';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `t` reads the 'runLabels' namespace, `tRun` the 'run' one (optimizer names). */
export function runWords(t: Translate, tRun: Translate): RunWords {
  const diff = (d: RunDiff): string => {
    switch (d.kind) {
      case 'dataset': return d.value === CUSTOM_DATASET ? t('customDataset') : t('dataset', { value: d.value });
      case 'network': return t('network', { letter: String.fromCharCode(65 + (d.index % 26)) });
      case 'block':
        if (d.field === 'filters' || d.field === 'units') return t(d.field, { id: d.id, value: d.value });
        return t('block', { id: d.id, value: d.value, field: t(`field.${d.field}`, { defaultValue: d.field }) });
      case 'optimizer': return t('optimizer', { value: tRun(`optimizer.names.${d.value}`) });
      case 'schedule': return t(`schedule.${d.value}`);
      case 'augmentation': {
        const parts = [...(d.flip ? [t('augmentation.flip')] : []), ...(d.shift > 0 ? [t('augmentation.shift', { value: d.shift })] : [])];
        return parts.length > 0 ? parts.join(' + ') : t('augmentation.none');
      }
      case 'boxLoss': return t('boxLoss', { coord: formatValue(d.coord), noObject: formatValue(d.noObject) });
      case 'learningRate':
      case 'momentum':
      case 'weightDecay':
      case 'batchSize':
      case 'epochs':
      case 'seed':
        return t(d.kind, { value: formatValue(d.value) });
    }
  };
  return {
    run: (n) => t('run', { n }),
    same: (n) => t('same', { n }),
    full: (n, short) => t('full', { run: t('run', { n }), short }),
    diff,
  };
}
