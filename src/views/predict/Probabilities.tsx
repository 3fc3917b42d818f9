import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveButtons } from '../saveImage';

const ROW = 20;
const LABEL = 90;
const BAR = 220;

/** One horizontal bar per class, the most likely one highlighted; an SVG, so it can be saved. */
export const Probabilities = memo(function Probabilities(
  { probabilities, classNames, epoch }: { probabilities: Float32Array; classNames: readonly string[]; epoch: number },
) {
  const { t } = useTranslation('predict');
  const host = useRef<HTMLDivElement>(null);
  const top = probabilities.indexOf(Math.max(...probabilities));
  const width = LABEL + BAR + 60;
  return (
    <div className="probabilities" data-testid="probabilities" data-top={top} data-epoch={epoch}
      data-values={Array.from(probabilities, (p) => p.toFixed(4)).join(',')}>
      <p>
        <strong>{t('predict.answer', { name: classNames[top] ?? top, percent: (100 * (probabilities[top] ?? 0)).toFixed(1) })}</strong>{' '}
        <span className="muted">{t('predict.fromEpoch', { epoch })}</span>
        <SaveButtons target={host} name="class-probabilities" />
      </p>
      <div ref={host}>
        <svg width={width} height={probabilities.length * ROW + 4} role="img" aria-label={t('predict.probabilities')}>
          {Array.from(probabilities, (p, i) => (
            <g key={i} transform={`translate(0,${i * ROW + 2})`} className={i === top ? 'bar top' : 'bar'}>
              <text x={LABEL - 6} y={ROW / 2} dy="0.35em" textAnchor="end">{classNames[i] ?? i}</text>
              <rect x={LABEL} y={2} width={BAR} height={ROW - 4} className="track" />
              <rect x={LABEL} y={2} width={Math.max(0, Math.min(1, p)) * BAR} height={ROW - 4} className="fill" />
              <text x={LABEL + BAR + 6} y={ROW / 2} dy="0.35em">{(100 * p).toFixed(1)}%</text>
            </g>
          ))}
        </svg>
      </div>
    </div>
  );
});
