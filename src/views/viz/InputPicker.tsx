import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { imageRgb } from '../../paint/overlay';
import { createPixels, paintRgb } from '../../paint/paint';
import { useApp } from '../AppContext';
import { useClassNames } from '../predict/hooks';
import { useProbeChannel, useProbeValue } from './hooks';


/** Chooses the image every probe looks at: a test image by number; shows it with its class and the answer. */
export const InputPicker = memo(function InputPicker() {
  const { t, i18n } = useTranslation('viz');
  const channel = useProbeChannel();
  const testCount = useApp((s) => s.examples?.test ?? null);
  const [text, setText] = useState(() => (channel.config.input.kind === 'test' ? String(channel.config.input.index) : '0'));
  const drawn = useProbeValue((c) => c.config.input.kind === 'pixels');
  // The test image chosen elsewhere (a mistake clicked in the gallery) shows its number here too.
  const chosen = useProbeValue((c) => (c.config.input.kind === 'test' ? c.config.input.index : null));
  useEffect(() => {
    if (chosen !== null) setText((current) => (Number(current) === chosen && current.trim() !== '' ? current : String(chosen)));
  }, [chosen]);
  const probs = useProbeValue((c) => (c.latest ? Array.from(c.latest.probabilities).join(',') : null));
  const label = useProbeValue((c) => c.latest?.input.label ?? null);
  const classNames = useClassNames(probs ? probs.split(',').length : 10);
  const numClasses = useApp((s) => s.dataShape.numClasses);
  const canvas = useRef<HTMLCanvasElement>(null);

  const parsed = Number(text);
  const max = testCount !== null ? testCount - 1 : null;
  const error = !Number.isInteger(parsed) || text.trim() === '' ? t('input.notInteger')
    : parsed < 0 || (max !== null && parsed > max) ? t('input.outOfRange', { max: max ?? 0 }) : null;

  const choose = (next: string) => {
    setText(next);
    const n = Number(next);
    if (Number.isInteger(n) && n >= 0 && (max === null || n <= max) && next.trim() !== '') channel.setInput({ kind: 'test', index: n });
  };
  const step = (delta: number) => {
    const base = Number.isInteger(parsed) ? parsed : 0;
    const limit = max ?? Number.MAX_SAFE_INTEGER;
    choose(String(Math.min(limit, Math.max(0, base + delta))));
  };

  useEffect(() => channel.subscribe(() => paintInput(canvas.current, channel)), [channel]);
  useEffect(() => paintInput(canvas.current, channel), [channel]);

  const values = probs ? probs.split(',').map(Number) : [];
  // One probability per class only: a per-pixel or grid head's output is no single answer (it read '208 (266%)').
  const best = values.length > 0 && values.length === numClasses ? values.indexOf(Math.max(...values)) : -1;
  const percent = best >= 0 ? new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(values[best] ?? 0) : '';
  return (
    <fieldset className="viz-input">
      <legend>{t('input.legend')}</legend>
      <canvas ref={canvas} className="viz-input-image" width={28} height={28} aria-label={t('input.legend')} />
      <div className="viz-input-controls">
        {drawn ? (
          <p>{t('input.drawn')} <button type="button" onClick={() => choose(text)}>{t('input.useTest')}</button></p>
        ) : (
          <div className={`viz-index ${error ? 'invalid' : ''}`}>
            <label htmlFor="viz-test-index">{t('input.index')}</label>
            <input id="viz-test-index" data-testid="viz-test-index" type="number" min={0} max={max ?? undefined} step={1}
              value={text} onChange={(e) => choose(e.target.value)} aria-invalid={error !== null} />
            <button type="button" onClick={() => step(-1)}>{t('input.prev')}</button>
            <button type="button" onClick={() => step(1)}>{t('input.next')}</button>
            <button type="button" onClick={() => choose(String(Math.floor(Math.random() * ((max ?? 0) + 1))))}>{t('input.random')}</button>
            {error && <p className="field-error" role="alert">{error}</p>}
          </div>
        )}
        {label !== null && <p className="viz-label">{t('input.label', { label: classNames[label] ?? String(label) })}</p>}
        {best >= 0 && <p className="viz-prediction" data-class={best}>{t('input.predicted', { label: classNames[best] ?? String(best), percent })}</p>}
      </div>
    </fieldset>
  );
});

function paintInput(canvas: HTMLCanvasElement | null, channel: ReturnType<typeof useProbeChannel>): void {
  const input = channel.latest?.input;
  const g = canvas?.getContext('2d');
  if (!canvas || !input || !g) return;
  if (canvas.width !== input.width || canvas.height !== input.height) {
    canvas.width = input.width;
    canvas.height = input.height;
  }
  const px = createPixels(input.width, input.height);
  const layout = { count: 1, cols: 1, rows: 1, tileWidth: input.width, tileHeight: input.height, gap: 0, width: input.width, height: input.height };
  paintRgb(px, layout, 0, imageRgb(input), 0, input.width, input.height, [0, 1]);
  g.putImageData(new ImageData(px.data, input.width, input.height), 0, 0);
}
