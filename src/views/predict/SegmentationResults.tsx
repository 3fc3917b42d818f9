import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { classIoUOf } from '../../train/api/masks';
import type { ConfusionReport, MaskBatch } from '../../train/api/protocol';
import { useServices } from '../AppContext';
import { ConfusionView } from './ConfusionView';
import { classColour, maskOverlay, paintOverlay } from './maskPaint';
import { createMaskView } from './maskView';
import { useChooseTestImage } from './hooks';

/** The chosen test images with their true and predicted masks, redrawn by its controller as reports arrive. */
export const MaskView = memo(function MaskView({ classNames }: { classNames: readonly string[] }) {
  const { t } = useTranslation('predict');
  const { predictions } = useServices().run;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return undefined;
    const view = createMaskView(host.current, {
      classNames, image: t('masks.image'), truth: t('masks.truth'), predicted: t('masks.predicted'), none: t('masks.none'),
      heading: (epoch) => t('masks.heading', { epoch }), iou: (value) => t('masks.iou', { value: value.toFixed(2) }),
    });
    const draw = () => {
      const { confusion, runId } = predictions.getState();
      view.update(confusion?.masks ? confusion : null, runId);
    };
    draw();
    const off = predictions.subscribe(draw);
    return () => {
      off();
      view.destroy();
    };
  }, [predictions, classNames, t]);
  return <div ref={host} className="mask-view" data-testid="mask-view" />;
});

/** Each class's IoU on the test split after the report's epoch, as bars. */
export const IoUBars = memo(function IoUBars({ report, classNames }: { report: ConfusionReport; classNames: readonly string[] }) {
  const { t } = useTranslation('predict');
  const iou = useMemo(() => classIoUOf(report.matrix, report.numClasses), [report]);
  const width = 220;
  return (
    <div className="iou-bars" data-testid="iou-bars">
      <h3>{t('masks.classIoU', { epoch: report.epoch })}</h3>
      <svg width={120 + width + 50} height={iou.length * 22 + 4} role="img" aria-label={t('masks.classIoU', { epoch: report.epoch })}>
        {iou.map((v, c) => (
          <g key={c} transform={`translate(0,${c * 22 + 2})`} data-class={c} data-value={Number.isNaN(v) ? '' : v}>
            <text x={114} y={9} dy="0.35em" textAnchor="end">{classNames[c] ?? String(c)}</text>
            <rect className="track" x={120} width={width} height={18} />
            <rect x={120} width={Number.isNaN(v) ? 0 : v * width} height={18} fill={classColour(c)} />
            <text x={120 + width + 6} y={9} dy="0.35em">{Number.isNaN(v) ? '–' : v.toFixed(2)}</text>
          </g>
        ))}
      </svg>
    </div>
  );
});

function OverlayCanvas({ batch, k, label }: { batch: MaskBatch; k: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = batch.imageShape;
  useEffect(() => {
    const image = batch.images.subarray(k * h * w * c, (k + 1) * h * w * c);
    if (ref.current) paintOverlay(ref.current, maskOverlay(image, batch.predicted.subarray(k * h * w, (k + 1) * h * w), h, w, c), h, w);
  }, [batch, k, h, w, c]);
  return <canvas ref={ref} width={w} height={h} className="pixelated" style={{ width: 64 }} role="img" aria-label={label} />;
}

/** The test images of lowest IoU, lowest first, with their predicted masks; choosing one shows its feature maps. */
export const MaskGallery = memo(function MaskGallery({ batch }: { batch: MaskBatch }) {
  const { t } = useTranslation('predict');
  const [chosen, choose] = useChooseTestImage();
  return (
    <ul className="mistakes-gallery" data-testid="mask-mistakes">
      {Array.from(batch.index, (index, k) => {
        const text = t('masks.iou', { value: (batch.iou[k] as number).toFixed(2) });
        return (
          <li key={index}>
            <button type="button" aria-pressed={chosen === index} data-index={index} title={t('mistakes.click')}
              onClick={() => choose(index)}>
              <OverlayCanvas batch={batch} k={k} label={text} />
              <span>{text}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});

/** A segmentation run's results: masks, IoU per class, the pixel confusion matrix, the images of lowest IoU. */
export const SegmentationResults = memo(function SegmentationResults(
  { report, classNames }: { report: ConfusionReport; classNames: readonly string[] },
) {
  const { t } = useTranslation('predict');
  return (
    <>
      <IoUBars report={report} classNames={classNames} />
      <ConfusionView report={report} classNames={classNames} perPixel />
      <h3>{t('masks.worstHeading')}</h3>
      <p className="muted">{t('masks.worstExplain')}</p>
      {report.masks && <MaskGallery batch={report.masks.worst} />}
    </>
  );
});
