import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import type { CompareEntry } from '../../lessons';
import { firstToLastGradient } from '../../lessons/checks';
import { selectRunActive } from '../../store/appStore';
import { selectScoreKind } from '../../store/dataSlice';
import { epochScore } from '../../tasks/score';
import { useApp, useServices } from '../AppContext';
import { createCompareChart, type CompareChart } from './compareChart';
import { createCompareRunner, differingSettings, settingText, type CompareConfig, type CompareRunView } from './compareRunner';
import './compare.css';

const pct = (v: number | undefined) => (v === undefined ? '–' : `${(100 * v).toFixed(1)}%`);

/** Runs side by side: the entries differ from the current settings in what each names; same seed, in order. */
export const ComparePanel = memo(function ComparePanel({ entries, lang }: { entries: readonly CompareEntry[]; lang: Language }) {
  const { t } = useTranslation('lessons');
  const { t: tr } = useTranslation('run');
  const ta = useTranslation().t;
  // A detector's runs are compared by their mAP@0.5, never by the cell accuracy its worker counts (src/tasks/score.ts).
  const kind = useApp(selectScoreKind);
  const score = (v: number | undefined) => (kind === 'meanAP' ? (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3)) : pct(v));
  const { store, run, series } = useServices();
  const runner = useMemo(() => createCompareRunner(store, run, series), [store, run, series]);
  const [runs, setRuns] = useState<readonly CompareRunView[]>(runner.runs);
  const [refused, setRefused] = useState(false);
  const progress = useApp((s) => s.compareProgress);
  const busy = useApp(selectRunActive);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<CompareChart | null>(null);
  useEffect(() => runner.subscribe(() => setRuns(runner.runs)), [runner]);
  useEffect(() => {
    if (!host.current) return undefined;
    chart.current = createCompareChart(host.current, series.loss);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [series]);
  const labelOf = (i: number) => entries[i]?.label[lang] ?? String(i + 1);
  useEffect(() => {
    chart.current?.update(runs.map((r) => ({ label: r.label, points: r.curve })),
      progress ? labelOf(progress.index) : null, { step: t('compare.step'), loss: t('compare.loss') });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, progress, t, lang]);

  const start = () => {
    const s = store.getState();
    const configs: CompareConfig[] = entries.map((e) => ({
      label: e.label[lang], spec: e.spec ? e.spec() : s.spec, hyper: { ...s.hyper, ...e.hyper },
    }));
    setRefused(false);
    void runner.run(configs).then((done) => setRefused(done.length < configs.length && store.getState().phase !== 'stopped'));
  };
  const differs = differingSettings(runs);

  return (
    <section className="compare-panel" aria-labelledby="compare-heading" data-panel="compare">
      <h3 id="compare-heading">{t('compare.heading')}</h3>
      <div className="controls">
        <button type="button" className="primary" data-action="compare-run" disabled={busy || progress !== null} onClick={start}>
          {t('compare.run')}
        </button>
        <button type="button" data-action="compare-cancel" disabled={progress === null} onClick={() => runner.cancel()}>
          {t('compare.cancel')}
        </button>
      </div>
      {progress && <p role="status" data-testid="compare-progress">{t('compare.running', { n: progress.index + 1, total: progress.total, label: labelOf(progress.index) })}</p>}
      {refused && <p className="error-text" role="alert">{t('compare.refused')}</p>}
      {/* No empty axes before the first run (4.4 opened on one): the line below says what will appear. */}
      <div ref={host} className="compare-host" data-testid="compare-chart" hidden={runs.length === 0 && progress === null} />
      {runs.length === 0 ? <p className="muted">{t('compare.none')}</p> : (
        <table data-testid="compare-table">
          <thead>
            <tr>
              <th>{t('compare.label')}</th>
              <th className="num">{kind === 'meanAP' ? ta('epochs.testMeanAP') : t('compare.testAccuracy')}</th>
              <th className="num">{t('compare.testLoss')}</th>
              <th className="num">{t('compare.seconds')}</th>
              <th className="num">{t('compare.params')}</th>
              <th className="num">{t('compare.gradientRatio')}</th>
              {differs.map((d) => <th key={d}>{t(`compare.settings.${d}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {runs.map((r, i) => {
              const last = r.epochs.at(-1);
              const ratio = firstToLastGradient(r.gradients);
              return (
                <tr key={i} data-run={r.label} data-phase={r.phase} data-ratio={ratio ?? ''}>
                  <td><span className="swatch" data-i={i} /> {r.label}
                    {r.diverged ? ` (${t('compare.diverged')})` : r.phase === 'stopped' ? ` (${t('compare.stopped')})` : ''}</td>
                  <td className="num" data-score={kind}>{score(last ? epochScore(last, kind).test : undefined)}</td>
                  <td className="num">{last ? last.testLoss.toFixed(3) : '–'}</td>
                  <td className="num">{r.seconds.toFixed(1)}</td>
                  <td className="num">{r.params.toLocaleString(lang)}</td>
                  <td className="num">{ratio === null ? '–' : ratio.toExponential(1)}</td>
                  {differs.map((d) => <td key={d}>{settingText(d, r, (o) => tr(`optimizer.names.${o}`), lang)}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
});
