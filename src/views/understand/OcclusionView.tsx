import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInputShape } from '../predict/hooks';
import { useDatasetClassNames } from './classNames';
import { ImageIndex } from './ImageIndex';
import { patchStarts } from '../../train/api/understandStats';
import { occlusionFullScale } from './occlusionScale';
import { paintHeat, paintImage } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';

const SIZE = 224;

/** A patch slid over a test image; red where hiding the pixels lowers the true class's probability most. */
export function OcclusionView() {
  const { t } = useTranslation('understand');
  const link = useUnderstand('occlusion');
  const [h, w] = useInputShape();
  const side = Math.max(h, w);
  const [index, setIndex] = useState(0);
  const [patch, setPatch] = useState(Math.max(2, Math.round(side / 4)));
  const [stride, setStride] = useState(Math.max(1, Math.round(side / 14)));
  const canvas = useRef<HTMLCanvasElement>(null);
  const result = link.answer?.result?.view === 'occlusion' ? link.answer.result : null;
  const classNames = useDatasetClassNames();

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !result) return;
    const { shape } = result;
    const scale = SIZE / Math.max(shape.height, shape.width);
    ctx.clearRect(0, 0, SIZE * 2 + 16, SIZE);
    paintImage(ctx, result.image, shape, 0, 0, scale, { bytes: true });
    paintImage(ctx, result.image, shape, SIZE + 16, 0, scale, { bytes: true });
    // Each cell covers the stride x stride area around its patch's centre, so the map tiles the image. Full red
    // is the whole unoccluded probability lost (occlusionScale.ts), the same on every image.
    const max = occlusionFullScale(result.baseProbability);
    const ys = patchStarts(shape.height, result.patch, result.stride);
    const xs = patchStarts(shape.width, result.patch, result.stride);
    const cellH = Math.min(result.stride, result.patch);
    const patchH = Math.min(result.patch, shape.height);
    const patchW = Math.min(result.patch, shape.width);
    paintHeat(ctx, result.drop, result.rows, result.cols, (r, c) => {
      const cy = (ys[r] ?? 0) + patchH / 2;
      const cx = (xs[c] ?? 0) + patchW / 2;
      return [SIZE + 16 + (cx - cellH / 2) * scale, (cy - cellH / 2) * scale, cellH * scale, cellH * scale];
    }, max);
  }, [result]);

  const clampSide = (v: number) => Math.max(1, Math.min(side, Math.round(v) || 1));
  return (
    <div className="understand-view" data-view="occlusion">
      <p className="muted understand-intro">{t('occlusion.intro')}</p>
      <div className="understand-controls">
        <ImageIndex value={index} onChange={setIndex} />
        <label>{t('occlusion.patch')}{' '}
          <input type="number" min={1} max={side} value={patch} onChange={(e) => setPatch(clampSide(Number(e.target.value)))} />
        </label>
        <label>{t('occlusion.stride')}{' '}
          <input type="number" min={1} max={side} value={stride} onChange={(e) => setStride(clampSide(Number(e.target.value)))} />
        </label>
        <button type="button" onClick={() => link.ask({ view: 'occlusion', index, patch, stride })} disabled={link.busy}>{t('occlusion.run')}</button>
      </div>
      <Status link={link} />
      {result && (
        <>
          <p className="muted">{t('occlusion.caption', { label: classNames[result.label] ?? result.label,
            p: (result.baseProbability * 100).toFixed(1), max: (Math.max(...result.drop) * 100).toFixed(1), n: result.rows * result.cols })}</p>
          <canvas ref={canvas} width={SIZE * 2 + 16} height={SIZE} data-testid="understand-occlusion" role="img" aria-label={t('occlusion.aria')} />
          <figure className="occlusion-scale" data-testid="occlusion-scale">
            <div className="occlusion-scale-bar" aria-hidden="true" />
            <div className="occlusion-scale-ticks"><span>0</span><span>{(result.baseProbability * 50).toFixed(1)}</span>
              <span>{(result.baseProbability * 100).toFixed(1)}</span></div>
            <figcaption>{t('occlusion.scale', { p: (result.baseProbability * 100).toFixed(1) })}</figcaption>
          </figure>
        </>
      )}
    </div>
  );
}
