import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { histogram, initActivations, type InitActivation, type InitScale } from '../../lessons/initStats';
import { useServices } from '../AppContext';

const SCALES: readonly InitScale[] = ['small', 'xavier', 'he', 'large'];
const BINS = 30;
const axisLabel = (x: number) => (x === 0 || Math.abs(x) === 1 ? String(x) : x.toPrecision(2));

/** cs231n lecture 6's figure, live: one histogram of activations per layer at initialisation. */
export const InitLab = memo(function InitLab() {
  const { t } = useTranslation('lessons');
  const { store } = useServices();
  const [scale, setScale] = useState<InitScale>('small');
  const [fn, setFn] = useState<InitActivation>('tanh');
  const layers = useMemo(() => initActivations(scale, fn), [scale, fn]);
  useEffect(() => {
    store.getState().recordInitLab({ scale, activation: fn, layerStd: layers.map((l) => l.std) });
  }, [store, scale, fn, layers]);
  // tanh lives in [-1, 1]; ReLU has no top, so each layer's axis runs to its own largest value (a fixed top
  // piled large-weight activations into the last bin, where they looked like tanh's saturation at +1).
  const rangeOf = (values: Float32Array): [number, number] => {
    if (fn === 'tanh') return [-1, 1];
    let top = 0;
    for (const v of values) if (v > top) top = v;
    return [0, top > 0 ? top : 1];
  };
  return (
    <section className="init-lab" aria-labelledby="init-heading" data-panel="init-lab">
      <h3 id="init-heading">{t('init.heading')}</h3>
      <div className="lab-controls">
        <label className="field">{t('init.activation')}
          <select value={fn} data-testid="init-activation" onChange={(e) => setFn(e.target.value === 'relu' ? 'relu' : 'tanh')}>
            <option value="tanh">tanh</option>
            <option value="relu">ReLU</option>
          </select>
        </label>
        <label className="field">{t('init.scale')}
          <select value={scale} data-testid="init-scale" onChange={(e) => setScale(e.target.value as InitScale)}>
            {SCALES.map((s) => <option key={s} value={s}>{t(`init.scales.${s}`)}</option>)}
          </select>
        </label>
      </div>
      <div className="init-hists" data-testid="init-hists">
        {layers.map((layer, i) => {
          const [lo, hi] = rangeOf(layer.values);
          const counts = histogram(layer.values, lo, hi, BINS);
          const top = Math.max(...counts, 1);
          return (
            <figure key={i} className="init-hist" data-std={layer.std}>
              <svg viewBox={`0 0 ${BINS * 3} 40`} role="img" aria-label={t('init.layer', { n: i + 1 })}>
                {counts.map((c, b) => <rect key={b} x={b * 3} y={40 - (c / top) * 38} width={2.6} height={(c / top) * 38} />)}
              </svg>
              <div className="init-axis" aria-hidden="true"><span>{axisLabel(lo)}</span><span>{axisLabel(hi)}</span></div>
              <figcaption>{t('init.layer', { n: i + 1 })}<br />{t('init.std', { std: layer.std.toPrecision(2) })}</figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
});
