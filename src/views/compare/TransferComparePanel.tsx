// The three ways side by side from a saved backbone (project/transferMatrix.ts): a linear probe, fine-tuning and
// the same network from scratch, at 1%, 10% and 100% of the current dataset's labels, trained one after the
// other by the compare runner with the training panel's settings. The results fill a table and a plot.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_SHARES, type LabelShare } from '../../data/labelShare';
import { gainOverScratch, TRANSFER_WAYS, transferKey, transferPlan, transferTable, type TransferWay } from '../../project/transferMatrix';
import type { Project } from '../../project/types';
import { selectRunActive } from '../../store/appStore';
import { useApp, useServices } from '../AppContext';
import { formatCount } from '../format';
import { createCompareRunner, type CompareConfig, type CompareRunView } from './compareRunner';
import { createTransferChart, type TransferChart } from './transferChart';
import './compare.css';

const SHARES = [...LABEL_SHARES].sort((a, b) => a - b);
const pct = (v: number | null | undefined) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : '–');

export const TransferComparePanel = memo(function TransferComparePanel({ project, cut }: { project: Project; cut: string }) {
  const { t, i18n } = useTranslation('project');
  const { store, run, series } = useServices();
  const runner = useMemo(() => createCompareRunner(store, run, series), [store, run, series]);
  const [runs, setRuns] = useState<readonly CompareRunView[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const progress = useApp((s) => s.compareProgress);
  const busy = useApp(selectRunActive);
  const dataShape = useApp((s) => s.dataShape);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<TransferChart | null>(null);
  useEffect(() => runner.subscribe(() => setRuns(runner.runs)), [runner]);
  // Closing the panel stops its runs: nobody would see the table they fill.
  useEffect(() => () => runner.cancel(), [runner]);
  useEffect(() => {
    if (!host.current) return undefined;
    chart.current = createTransferChart(host.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);
  const wayName = (way: TransferWay) => t(`transfer.way.${way}`);
  const table = transferTable(runs.map((r) => ({ ...(r.key ? { key: r.key } : {}), testAccuracy: r.phase === 'done' ? r.epochs.at(-1)?.testAccuracy ?? null : null })));
  useEffect(() => {
    chart.current?.update(table, { share: t('transfer.share'), accuracy: t('transfer.accuracy'),
      ways: { probe: wayName('probe'), finetune: wayName('finetune'), scratch: wayName('scratch') } });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runs, t]);

  const start = () => {
    const plan = transferPlan(project, cut, dataShape);
    if (!plan.ok) return setProblem(t(`backbone.problem.${plan.problem.code}`, plan.problem.values));
    setProblem(null);
    const hyper = store.getState().hyper;
    // Each run sets its own share; the one chosen in the data settings is the student's and comes back after.
    const chosenShare = hyper.labelShare ?? 1;
    const configs: CompareConfig[] = plan.runs.map((r) => ({
      label: t('transfer.runLabel', { way: wayName(r.way), percent: r.share * 100 }), key: transferKey(r.way, r.share), spec: r.spec,
      hyper: { ...hyper, labelShare: r.share }, startWeights: r.startWeights ? { from: project.name, weights: r.startWeights } : null,
    }));
    void runner.run(configs).then(() => store.getState().setHyper({ labelShare: chosenShare }));
  };
  const imagesAt = (share: LabelShare) => runs.find((r) => r.key === transferKey('scratch', share))?.trainImages ?? null;

  return (
    <section className="compare-panel transfer-compare" aria-labelledby="transfer-compare-heading" data-panel="transfer-compare">
      <h3 id="transfer-compare-heading">{t('transfer.heading', { name: project.name, block: cut })}</h3>
      <p className="muted">{t('transfer.hint', { runs: TRANSFER_WAYS.length * SHARES.length })}</p>
      <div className="controls">
        <button type="button" className="primary" data-action="transfer-run" disabled={busy || progress !== null} onClick={start}>{t('transfer.run')}</button>{' '}
        <button type="button" data-action="transfer-cancel" disabled={progress === null} onClick={() => runner.cancel()}>{t('transfer.cancel')}</button>
      </div>
      {progress && <p role="status" data-testid="transfer-progress">{t('transfer.running', { n: progress.index + 1, total: progress.total })}</p>}
      {problem && <p className="error-text" role="alert">{problem}</p>}
      <table data-testid="transfer-table">
        <thead>
          <tr>
            <th>{t('transfer.way.heading')}</th>
            {SHARES.map((s) => {
              const n = imagesAt(s);
              return <th key={s} className="num">{t('transfer.shareColumn', { percent: s * 100 })}{n !== null && <><br />{t('transfer.images', { count: n, images: formatCount(n, i18n.language) })}</>}</th>;
            })}
          </tr>
        </thead>
        <tbody>
          {TRANSFER_WAYS.map((way) => (
            <tr key={way} data-way={way}>
              <th scope="row">{wayName(way)}</th>
              {SHARES.map((s) => <td key={s} className="num" data-share={s}>{pct(table[way][s])}</td>)}
            </tr>
          ))}
          <tr data-way="gain">
            <th scope="row">{t('transfer.gain')}</th>
            {SHARES.map((s) => {
              const gain = gainOverScratch(table, 'probe', s);
              return <td key={s} className="num">{gain === null ? '–' : t('transfer.points', { points: (gain >= 0 ? '+' : '') + gain.toFixed(1) })}</td>;
            })}
          </tr>
        </tbody>
      </table>
      <div ref={host} className="compare-host" data-testid="transfer-chart" />
    </section>
  );
});
