// The loss chart's text alternative: its latest values as a line of text for screen readers (written straight
// into the DOM as points arrive, at most once per animation frame, never through a React render), and the
// data behind it as a table on request (a compact button in the chart's header; the table covers the plot).
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series, SeriesPoint } from '../../metrics/series';
import { createLifecycle } from './lifecycle';
import { setText } from './setText';
import { evenlySpaced } from './chartTextData';

const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2));
const TABLE_ROWS = 40;

export interface ChartTableData {
  readonly loss: readonly SeriesPoint[];
  readonly accuracy: ReadonlyMap<number, number>;
}

/** The table's rows, taken from the series when it is opened (null while closed). */
export function useChartTable(loss: Series, accuracy: Series): { table: ChartTableData | null; toggle: () => void } {
  const [table, setTable] = useState<ChartTableData | null>(null);
  const toggle = () => {
    if (table) return setTable(null);
    setTable({ loss: evenlySpaced(loss.points(), TABLE_ROWS), accuracy: new Map(accuracy.points().map((p) => [p.x, p.y])) });
  };
  return { table, toggle };
}

/** The latest values, visually hidden: the plot shows them, a screen reader reads them here. */
export const ChartLatest = memo(function ChartLatest({ loss, accuracy }: { loss: Series; accuracy: Series }) {
  const { t } = useTranslation('a11y');
  const latest = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const el = latest.current;
    if (!el) return undefined;
    const write = () => {
      const l = loss.last();
      const a = accuracy.last();
      // A run with no accuracy curve (a detector's: src/tasks/score.ts) names none.
      setText(el, l === undefined ? t('chart.noData') : a === undefined ? t('chart.latestLoss', { step: l.x, loss: fmt(l.y) })
        : t('chart.latest', { step: l.x, loss: fmt(l.y), accuracy: (100 * a.y).toFixed(1) }));
    };
    // Always written (a visually hidden line is never "on screen"), at most once per frame.
    const life = createLifecycle(write, { element: el, onScreenOnly: false, resize: false });
    life.listen(loss);
    life.listen(accuracy);
    life.schedule();
    return life.destroy;
  }, [loss, accuracy, t]);
  return <p ref={latest} className="sr-only chart-latest" data-testid="chart-latest" />;
});

/** A small icon button in the chart's header: shows or hides the table. */
export function ChartTableButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useTranslation('a11y');
  const name = open ? t('chart.hideTable') : t('chart.showTable');
  return (
    <button type="button" className="chart-icon" data-action="chart-table" aria-expanded={open} aria-controls="chart-table-box"
      aria-label={name} title={name} onClick={onToggle}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d="M1.5 2.5h13v11h-13zM1.5 6h13M1.5 9.5h13M6 2.5v11" fill="none" stroke="currentColor" strokeWidth="1.3" />
      </svg>
    </button>
  );
}

export function ChartTable({ table }: { table: ChartTableData }) {
  const { t } = useTranslation('a11y');
  const caption = t('chart.caption', { count: table.loss.length, step: table.loss.at(-1)?.x ?? 0 });
  // No accuracy column for a run that records none (a detector's).
  const withAccuracy = table.accuracy.size > 0;
  return (
    // Scrolls inside the chart's box; focusable so the keyboard can scroll it.
    <div className="chart-table-box" id="chart-table-box" tabIndex={0} role="region" aria-label={caption}>
      <table className="chart-table" data-testid="chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">{t('chart.step')}</th><th scope="col">{t('chart.loss')}</th>
            {withAccuracy && <th scope="col">{t('chart.accuracy')}</th>}</tr>
        </thead>
        <tbody>
          {table.loss.map((p) => {
            const accuracy = table.accuracy.get(p.x);
            return (
              <tr key={p.x}>
                <td className="num">{p.x}</td><td className="num">{fmt(p.y)}</td>
                {withAccuracy && <td className="num">{accuracy === undefined ? '–' : `${(100 * accuracy).toFixed(1)}%`}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
