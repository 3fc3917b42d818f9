import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { multiplyAdds, type Kernel, type LabImage, type PaddingMode } from '../../kernelLab/convolve';

const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** One output pixel's sum written out: weight · input for every kernel cell, per channel, padding marked. */
export const MultiplyAdds = memo(function MultiplyAdds({ image, kernel, padding, at }:
  { image: LabImage; kernel: Kernel; padding: PaddingMode; at: { x: number; y: number } | null }) {
  const { t } = useTranslation('lessons');
  if (!at) return <p className="hint" data-testid="multiply-adds">{t('kernel.hover')}</p>;
  const names = t('kernel.channelNames', { returnObjects: true }) as string[];
  return (
    <div className="multiply-adds" data-testid="multiply-adds" data-x={at.x} data-y={at.y}>
      {Array.from({ length: image.channels }, (_, c) => {
        const { terms, sum } = multiplyAdds(image, kernel, padding, at.x, at.y, c);
        const channel = image.channels > 1 ? ` · ${names[c] ?? c}` : '';
        return (
          <p key={c}>
            <span className="muted">{t('kernel.pixel', { x: at.x, y: at.y, channel })}: </span>
            <code>
              {terms.filter((term) => term.weight !== 0).map((term, i) => (
                <span key={i} className={term.padded ? 'padded' : undefined} title={term.padded ? t('kernel.padded') : undefined}>
                  {i > 0 ? ' + ' : ''}({n(term.weight)})·{n(term.input)}
                </span>
              ))}
              {' = '}<strong data-testid="sum">{n(sum)}</strong>
            </code>
          </p>
        );
      })}
    </div>
  );
});
