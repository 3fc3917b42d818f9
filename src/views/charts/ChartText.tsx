// The loss chart's text alternative: its latest values as a line of text (written straight into the DOM as
// points arrive, at most once per animation frame, never through a React render), and the data behind it as
// a table on request.
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series, SeriesPoint } from '../../metrics/series';
import { useServices } from '../AppContext';
import { createFrameScheduler } from './frameScheduler';
import { evenlySpaced } from './chartTextData';

const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2));
const TABLE_ROWS = 40;

export const ChartText = memo(function ChartText() {
  const { t } = useTranslation('a11y');
  const { series } = useServices();
  const latest = useRef<HTMLParagraphElement>(null);
  const [table, setTable] = useState<{ loss: SeriesPoint[]; accuracy: Map<number, number> } | null>(null);

  useEffect(() => {
    const el = latest.current;
    if (!el) return undefined;
    const write = () => {
      const loss = series.loss.points().at(-1);
      const accuracy = series.accuracy.points().at(-1);
      el.textContent = loss === undefined ? t('chart.noData')
        : t('chart.latest', { step: loss.x, loss: fmt(loss.y), accuracy: accuracy === undefined ? '–' : (100 * accuracy.y).toFixed(1) });
    };
    const frames = createFrameScheduler(write, { element: el });
    const offs = [series.loss, series.accuracy].map((s: Series) => s.subscribe(frames.schedule));
    frames.schedule();
    return () => {
      offs.forEach((off) => off());
      frames.dispose();
    };
  }, [series, t]);

  const toggle = () => {
    if (table) return setTable(null);
    setTable({ loss: evenlySpaced(series.loss.points(), TABLE_ROWS), accuracy: new Map(series.accuracy.points().map((p) => [p.x, p.y])) });
  };

  return (
    <div className="chart-text">
      <p ref={latest} className="muted chart-latest" data-testid="chart-latest" />
      <button type="button" data-action="chart-table" aria-expanded={table !== null} onClick={toggle}>
        {table ? t('chart.hideTable') : t('chart.showTable')}
      </button>
      {table && (
        <table className="chart-table" data-testid="chart-table">
          <caption>{t('chart.caption', { count: table.loss.length, step: table.loss.at(-1)?.x ?? 0 })}</caption>
          <thead>
            <tr><th scope="col">{t('chart.step')}</th><th scope="col">{t('chart.loss')}</th><th scope="col">{t('chart.accuracy')}</th></tr>
          </thead>
          <tbody>
            {table.loss.map((p) => {
              const accuracy = table.accuracy.get(p.x);
              return (
                <tr key={p.x}>
                  <td className="num">{p.x}</td><td className="num">{fmt(p.y)}</td>
                  <td className="num">{accuracy === undefined ? '–' : `${(100 * accuracy).toFixed(1)}%`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
});
