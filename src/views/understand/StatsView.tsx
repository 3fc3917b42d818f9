import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerStats } from '../../train/api/understandProtocol';
import { useApp } from '../AppContext';
import { selectIsRunning } from '../../store/appStore';
import { paintHistogram } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';

const LIVE_MS = 2000;
const fmt = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toPrecision(3) : v.toExponential(1));

function HistogramCanvas({ layer, which }: { layer: LayerStats; which: 'values' | 'grads' }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { t } = useTranslation('understand');
  const h = which === 'values' ? layer.histogram : layer.gradHistogram;
  useEffect(() => {
    if (ref.current) paintHistogram(ref.current, h, which === 'values' ? '#3b7dd8' : '#d8843b');
  }, [h, which]);
  return (
    <figure className="understand-hist">
      <canvas ref={ref} width={160} height={44} role="img"
        aria-label={t(which === 'values' ? 'stats.valuesOf' : 'stats.gradsOf', { block: layer.blockId })} />
      <figcaption className="muted">{fmt(h.min)} … {fmt(h.max)}</figcaption>
    </figure>
  );
}

/** Lecture 6's picture: every block's outputs and gradients for a batch, with dead ReLUs. */
export function StatsView({ active }: { active: boolean }) {
  const { t } = useTranslation('understand');
  const link = useUnderstand('stats');
  const [batchSize, setBatchSize] = useState(128);
  const [live, setLive] = useState(false);
  const running = useApp(selectIsRunning);
  const { ask, busy } = link;
  const measure = () => ask({ view: 'stats', batchSize });
  useEffect(() => {
    if (!live || !running || !active) return;
    const timer = setInterval(() => {
      if (!busy) ask({ view: 'stats', batchSize });
    }, LIVE_MS);
    return () => clearInterval(timer);
  }, [live, running, active, busy, ask, batchSize]);
  const result = link.answer?.result?.view === 'stats' ? link.answer.result : null;
  return (
    <div className="understand-view" data-view="stats">
      <p className="muted understand-intro">{t('stats.intro')}</p>
      <div className="understand-controls">
        <label>{t('stats.batch')}{' '}
          <select value={batchSize} onChange={(e) => setBatchSize(Number(e.target.value))}>
            {[32, 128, 256].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" onClick={measure} disabled={busy}>{t('stats.measure')}</button>
        <label><input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> {t('stats.live')}</label>
      </div>
      <Status link={link} />
      {result && (
        <table className="understand-stats" data-testid="understand-stats">
          <thead>
            <tr><th>{t('stats.block')}</th><th>{t('stats.values')}</th><th>{t('stats.grads')}</th><th>{t('stats.dead')}</th></tr>
          </thead>
          <tbody>
            {result.layers.map((layer) => (
              <tr key={layer.blockId}>
                <th scope="row">{layer.blockId}<div className="muted">{t(`kind.${layer.kind}`, { ns: 'model', defaultValue: layer.kind })}</div></th>
                <td><HistogramCanvas layer={layer} which="values" /><div className="muted">{t('stats.meanStd', { mean: fmt(layer.mean), std: fmt(layer.std) })}</div></td>
                <td><HistogramCanvas layer={layer} which="grads" /><div className="muted">{t('stats.meanStd', { mean: fmt(layer.gradMean), std: fmt(layer.gradStd) })}</div></td>
                <td>{layer.deadFraction === null ? '—' : `${(layer.deadFraction * 100).toFixed(1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
