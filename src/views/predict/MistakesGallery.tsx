import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MistakeBatch } from '../../train/api/protocol';
import { useChooseTestImage } from './hooks';
import { ImageCanvas } from './ImageCanvas';

/** The most confident mistakes of the latest epoch; choosing one makes it the image the feature maps show. */
export const MistakesGallery = memo(function MistakesGallery(
  { mistakes, classNames }: { mistakes: MistakeBatch; classNames: readonly string[] },
) {
  const { t } = useTranslation('predict');
  const [chosen, choose] = useChooseTestImage();
  const [h, w, c] = mistakes.imageShape;
  const size = h * w * c;
  const count = mistakes.index.length;
  if (count === 0) return <p className="muted">{t('mistakes.none')}</p>;
  return (
    <ul className="mistakes-gallery" data-testid="mistakes">
      {Array.from({ length: count }, (_, k) => {
        const index = mistakes.index[k] as number;
        const label = classNames[mistakes.label[k] as number] ?? String(mistakes.label[k]);
        const guess = classNames[mistakes.predicted[k] as number] ?? String(mistakes.predicted[k]);
        const text = t('mistakes.item', { label, guess, percent: (100 * (mistakes.confidence[k] as number)).toFixed(0) });
        return (
          <li key={index}>
            <button type="button" aria-pressed={chosen === index} data-index={index} title={t('mistakes.click')}
              onClick={() => choose(index)}>
              <ImageCanvas data={mistakes.images.subarray(k * size, (k + 1) * size)} shape={[h, w, c]} bytes size={56} label={text} />
              <span>{text}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});
