import { memo, useState, type RefObject } from 'react';
import './export.css';
import { useTranslation } from 'react-i18next';
import { savePng, saveSvg } from './saveImage';

export interface SaveButtonsProps {
  /** The <svg> or <canvas> to save, or an element holding one (the first one inside is saved). */
  readonly target: RefObject<Element | null>;
  /** File name without extension, e.g. "loss-curve". */
  readonly name: string;
}

/** Two small buttons that save a chart or diagram as PNG and SVG; a failure is said, never thrown. */
export const SaveButtons = memo(function SaveButtons({ target, name }: SaveButtonsProps) {
  const { t } = useTranslation('predict');
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'png' | 'svg') => {
    setError(null);
    try {
      if (format === 'png') await savePng(target.current, name);
      else saveSvg(target.current, name);
    } catch (err) {
      setError(t('export.failed', { reason: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <span className="save-buttons" data-save={name}>
      <button type="button" className="small" data-action="save-png" title={t('export.pngTitle')}
        onClick={() => void run('png')}>PNG</button>
      <button type="button" className="small" data-action="save-svg" title={t('export.svgTitle')}
        onClick={() => void run('svg')}>SVG</button>
      {error && <span className="save-error" role="alert">{error}</span>}
    </span>
  );
});
