import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunEstimate } from '../../train/api/estimate';
import { formatBytes, groupDigits } from '../../model/units';

function durationText(seconds: number, t: (key: string, values: { n: string }) => string): string {
  const fmt = (x: number) => groupDigits(x, x < 10 ? 1 : 0);
  if (seconds < 90) return t('estimate.seconds', { n: fmt(Math.max(seconds, 0.1)) });
  if (seconds < 5400) return t('estimate.minutes', { n: fmt(seconds / 60) });
  return t('estimate.hours', { n: fmt(seconds / 3600) });
}

/** "About 12 MB of memory · about 30 s per epoch on WebAssembly", or the reason the run is refused. */
export const RunEstimateLine = memo(function RunEstimateLine({ estimate, batchSize }: { estimate: RunEstimate; batchSize: number }) {
  const { t, i18n } = useTranslation('run');
  const { t: ta } = useTranslation();
  const lang = i18n.language;
  const backend = estimate.backend === 'auto' ? t('estimate.auto') : ta(`backendNames.${estimate.backend}`);
  if (estimate.refused) {
    return (
      <p className="estimate refused disabled-reason" role="alert" data-refused="true">
        {t('estimate.refused', { memory: formatBytes(estimate.memoryBytes, lang), batch: batchSize,
          limit: formatBytes(estimate.limitBytes, lang), backend })}
      </p>
    );
  }
  return (
    <p className="estimate muted" data-memory={Math.round(estimate.memoryBytes)} data-seconds={estimate.secondsPerEpoch.toFixed(1)}>
      {t('estimate.line', { memory: formatBytes(estimate.memoryBytes, lang), time: durationText(estimate.secondsPerEpoch, t), backend })}
    </p>
  );
});
