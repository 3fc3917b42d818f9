import { memo, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../AppContext';
import { DrawPad } from './DrawPad';
import { useClassNames, useDatasetTask, useInputShape, usePredictionState } from './hooks';
import { ImageCanvas } from './ImageCanvas';
import { Probabilities } from './Probabilities';
import { UploadImage } from './UploadImage';
import { StaleNote } from '../StaleNote';
import { useApp } from '../AppContext';
import './predict.css';

/** Draw a digit or upload a picture; the worker's current model answers with class probabilities. */
export const PredictPanel = memo(function PredictPanel() {
  const { t } = useTranslation('predict');
  const { predictions, probes } = useServices().run;
  const latest = useRef<Float32Array | null>(null);
  const state = usePredictionState();
  const shape = useInputShape();
  const classNames = useClassNames(state.probabilities?.length ?? 0);
  // A per-pixel network answers with a score per class at every pixel, not one bar per class: the masks
  // are in the results panel.
  const perPixel = useDatasetTask().task === 'segmentation';
  const [preview, setPreview] = useState<Float32Array | null>(null);
  const { t: tw } = useTranslation('walk');
  // A drawing made for another input shape (another dataset chosen since) is not shown as this one's.
  const shapeKey = shape.join('x');
  const [previewShape, setPreviewShape] = useState(shapeKey);
  if (previewShape !== shapeKey) {
    setPreviewShape(shapeKey);
    setPreview(null);
    latest.current = null;
  }
  // The pad suits MNIST digits; for photos (CIFAR-10, your own images) the hint says what to show instead.
  const digits = useApp((s) => s.datasetId === 'mnist' || s.datasetId === 'mnist-small');
  const datasetClasses = useClassNames(useApp((s) => s.dataShape.numClasses));
  const hint = digits ? t('predict.drawHint')
    : tw('predict.hintPhotos', { classes: datasetClasses.slice(0, 12).join(', ') + (datasetClasses.length > 12 ? ', …' : '') });

  const ask = useCallback((input: Float32Array) => {
    latest.current = input;
    setPreview(input);
    predictions.request(input);
  }, [predictions]);
  const onDraw = useCallback((input: Float32Array) => ask(input), [ask]);
  // The feature-map views look at the drawing too, once per stroke (not per frame: each change re-probes).
  const showInside = useCallback(() => {
    if (latest.current) probes.setPixels(latest.current);
  }, [probes]);
  const onUpload = useCallback((input: Float32Array) => {
    ask(input);
    probes.setPixels(input);
  }, [ask, probes]);

  // A picture that could not be used leaves no answer beside its error (the last one was for another image).
  const onUploadFailed = useCallback(() => {
    latest.current = null;
    setPreview(null);
  }, []);

  return (
    <section className="panel predict-panel" aria-labelledby="predict-heading" data-testid="predict-panel">
      <h2 id="predict-heading">{t('predict.heading')}</h2>
      <div className="predict-row">
        <div>
          <DrawPad shape={shape} onInput={onDraw} onClear={() => setPreview(null)} onStrokeEnd={showInside} />
          <UploadImage shape={shape} onInput={onUpload} onFailed={onUploadFailed} />
        </div>
        <div className="predict-result">
          {preview && (
            <figure className="network-view">
              <ImageCanvas data={preview} shape={shape} size={84} label={t('predict.networkView')} />
              <figcaption className="muted">{t('predict.networkView')}</figcaption>
            </figure>
          )}
          {!preview && <p className="muted" data-testid="draw-hint">{hint}</p>}
          {preview && state.reason === 'no-model' && <p className="muted" role="status">{t('predict.noModel')}</p>}
          {preview && state.reason === 'bad-input' && <p className="error" role="alert">{t('predict.badInput')}</p>}
          {preview && perPixel && <p className="muted" role="status" data-testid="per-pixel-note">{t('predict.perPixel')}</p>}
          {preview && state.probabilities && !perPixel && <StaleNote />}
          {preview && state.probabilities && !perPixel && (
            <Probabilities probabilities={state.probabilities} classNames={classNames} epoch={state.epoch} />
          )}
        </div>
      </div>
    </section>
  );
});
