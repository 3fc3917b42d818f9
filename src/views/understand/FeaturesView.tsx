import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEmbedder } from '../../train/api/embedClient';
import { nearest } from '../../train/api/understandStats';
import { useDatasetClassNames } from './classNames';
import { classColour, paintImage } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';

const PLOT = 380;
const NEIGHBOURS = 8;
type Embedding = { points: Float32Array; ms: number } | { error: string } | { progress: number } | null;

function Thumbs({ list, images, shape, labels, names, testId }: { list: number[]; images: Uint8Array;
  shape: { height: number; width: number; channels: number }; labels: Int32Array; names: readonly string[]; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cell = 44;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    const size = shape.height * shape.width * shape.channels;
    list.forEach((i, k) => {
      paintImage(ctx, images, shape, k * cell, 0, (cell - 4) / Math.max(shape.height, shape.width), { bytes: true, offset: i * size });
      ctx.fillStyle = classColour(labels[i] ?? 0);
      ctx.fillRect(k * cell, cell - 3, cell - 4, 3);
    });
  }, [list, images, shape, labels]);
  return <canvas ref={ref} width={NEIGHBOURS * cell} height={cell} data-testid={testId} role="img"
    aria-label={list.map((i) => names[labels[i] ?? 0] ?? '').join(', ')} />;
}

/** The penultimate block's features for test images, embedded in 2-D with UMAP; hover and neighbours. */
export function FeaturesView() {
  const { t } = useTranslation('understand');
  const link = useUnderstand('features');
  const names = useDatasetClassNames();
  const [count, setCount] = useState(1000);
  const [embedding, setEmbedding] = useState<Embedding>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const embedder = useMemo(() => createEmbedder(), []);
  useEffect(() => () => embedder.dispose(), [embedder]);
  const plot = useRef<HTMLCanvasElement>(null);
  const result = link.answer?.result?.view === 'features' ? link.answer.result : null;

  useEffect(() => {
    if (!result) return;
    setEmbedding({ progress: 0 });
    setChosen(null);
    embedder.embed(result.features, result.dim, (done) => setEmbedding({ progress: done }))
      .then((e) => setEmbedding(e))
      .catch((err: unknown) => { if (!(err instanceof Error && err.message === 'replaced')) setEmbedding({ error: String(err) }); });
  }, [result, embedder]);

  const points = embedding && 'points' in embedding ? embedding.points : null;
  const toScreen = useMemo(() => {
    if (!points) return null;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < points.length; i += 2) {
      x0 = Math.min(x0, points[i] as number); x1 = Math.max(x1, points[i] as number);
      y0 = Math.min(y0, points[i + 1] as number); y1 = Math.max(y1, points[i + 1] as number);
    }
    return (i: number): [number, number] => [8 + (((points[2 * i] as number) - x0) / (x1 - x0 || 1)) * (PLOT - 16),
      8 + (((points[2 * i + 1] as number) - y0) / (y1 - y0 || 1)) * (PLOT - 16)];
  }, [points]);

  useEffect(() => {
    const ctx = plot.current?.getContext('2d');
    if (!ctx || !toScreen || !result) return;
    ctx.clearRect(0, 0, PLOT, PLOT);
    for (let i = 0; i < result.labels.length; i++) {
      const [x, y] = toScreen(i);
      ctx.fillStyle = classColour(result.labels[i] ?? 0);
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    for (const i of [hover, chosen]) {
      if (i === null) continue;
      const [x, y] = toScreen(i);
      ctx.strokeStyle = '#000';
      ctx.strokeRect(x - 4, y - 4, 8, 8);
    }
  }, [toScreen, result, hover, chosen]);

  const pick = (e: React.MouseEvent<HTMLCanvasElement>): number | null => {
    if (!toScreen || !result) return null;
    const rect = e.currentTarget.getBoundingClientRect();
    // The canvas may be drawn narrower than its pixels (max-width in the side panel): point in its pixels.
    const [mx, my] = [(e.clientX - rect.left) * (PLOT / (rect.width || PLOT)), (e.clientY - rect.top) * (PLOT / (rect.height || PLOT))];
    let best: number | null = null;
    let bestD = 64;
    for (let i = 0; i < result.labels.length; i++) {
      const [x, y] = toScreen(i);
      const d = (x - mx) ** 2 + (y - my) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  };
  const neighbours = useMemo(() => {
    if (chosen === null || !result) return null;
    const size = result.shape.height * result.shape.width * result.shape.channels;
    return { features: nearest(result.features, result.dim, chosen, NEIGHBOURS), pixels: nearest(result.images, size, chosen, NEIGHBOURS) };
  }, [chosen, result]);
  const size = result ? result.shape.height * result.shape.width * result.shape.channels : 0;

  return (
    <div className="understand-view" data-view="features">
      <p className="muted understand-intro">{t('features.intro')}</p>
      <div className="understand-controls">
        <label>{t('features.count')}{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {[500, 1000, 2000].map((n) => <option key={n} value={n}>{n.toLocaleString()}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => link.ask({ view: 'features', count })} disabled={link.busy}>
          {result ? t('features.recompute') : t('features.run')}</button>
      </div>
      <Status link={link} />
      {embedding && 'progress' in embedding && <p className="muted" role="status">{t('features.embedding', { done: Math.round(embedding.progress * 100) })}</p>}
      {embedding && 'error' in embedding && <p className="error" role="alert">{t('features.embedFailed', { detail: embedding.error })}</p>}
      {result && points && 'ms' in embedding! && (
        <>
          <p className="muted">{t('features.caption', { block: result.blockId, dim: result.dim, n: result.labels.length.toLocaleString(), ms: Math.round(embedding.ms).toLocaleString() })}</p>
          <div className="understand-row">
            <canvas ref={plot} width={PLOT} height={PLOT} data-testid="understand-features" data-points={result.labels.length}
              role="img" aria-label={t('features.aria')} onMouseMove={(e) => setHover(pick(e))} onMouseLeave={() => setHover(null)}
              onClick={(e) => setChosen(pick(e))} />
            <div>
              <ul className="understand-legend">{names.map((n, i) => <li key={n}><span style={{ background: classColour(i) }} />{n}</li>)}</ul>
              {hover !== null && (
                <figure data-testid="understand-hover">
                  <Thumbs list={[hover]} images={result.images} shape={result.shape} labels={result.labels} names={names} testId="understand-hover-image" />
                  <figcaption>{t('features.hover', { index: result.indices[hover], label: names[result.labels[hover] ?? 0] ?? '' })}</figcaption>
                </figure>
              )}
              {hover === null && chosen === null && <p className="muted">{t('features.hint')}</p>}
            </div>
          </div>
          {neighbours && chosen !== null && size > 0 && (
            <div className="understand-neighbours">
              <p>{t('features.chosen', { index: result.indices[chosen], label: names[result.labels[chosen] ?? 0] ?? '' })}</p>
              <p className="muted">{t('features.inFeatures')}</p>
              <Thumbs list={neighbours.features} images={result.images} shape={result.shape} labels={result.labels} names={names} testId="understand-nn-features" />
              <p className="muted">{t('features.inPixels')}</p>
              <Thumbs list={neighbours.pixels} images={result.images} shape={result.shape} labels={result.labels} names={names} testId="understand-nn-pixels" />
            </div>
          )}
        </>
      )}
    </div>
  );
}
