import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectStepsPerEpoch } from '../store/appStore';
import { createLossChart, type LossChart, type LossChartLabels } from './charts/lossChart';
import { epochEndStep } from './charts/chartMath';
import { useApp, useServices } from './AppContext';
import { SaveButtons } from './saveImage';
import { ChartLatest, ChartTable, ChartTableButton, useChartTable } from './charts/ChartText';
import { createRunNumbers, CUSTOM_DATASET, runNames, type RunSettings } from './charts/runLabels';
import { runWords } from './charts/runWords';
import { datasetEntry } from '../data/registry';
import { selectScoreKind } from '../store/dataSlice';
import { epochScore } from '../tasks/score';
import { scoreMarks } from './charts/scoreMarks';

const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2));

/** Thin React wrapper: mounts the D3 controller once; data flows to it directly from the series and store. */
export const LossChartView = memo(function LossChartView() {
  const { t, i18n } = useTranslation();
  const tp = useTranslation('predict').t;
  const tr = useTranslation('runLabels').t;
  const tRun = useTranslation('run').t;
  const tc = useTranslation('chartFrame').t;
  const { series, store } = useServices();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<LossChart | null>(null);
  // What each run trained with, taken when it started: the legend names runs by how they differ.
  const settings = useRef(new Map<number, RunSettings>());
  // The number each run shows, counted on from a reopened project's runs (they are kept in the project).
  const numbers = useRef(createRunNumbers());
  const [logScale, setLogScale] = useState(false);
  const [smoothing, setSmoothing] = useState(0.6);
  const { table, toggle } = useChartTable(series.loss, series.accuracy);
  // A detector's points are its mAP@0.5 and it has no accuracy curve (src/tasks/score.ts).
  const kind = useApp(selectScoreKind);

  const labels = useMemo<LossChartLabels>(() => {
    const words = runWords(tr, tRun);
    const score = scoreMarks(kind, t, tp, tc);
    return {
      ...score.marks, step: t('chart.step'), perBatch: score.perBatch,
      learningRate: tp('curves.learningRate'), exploded: tc('exploded'),
      shortMarks: score.short,
      runNames: (runs) => {
        // A reopened project's saved runs are numbered -1, -2, ... (runHistory.setSaved).
        const live = runNames(runs.filter((run) => run > 0)
          .map((run) => ({ run: numbers.current.of(run), settings: settings.current.get(run) ?? null })), words);
        const saved = runs.filter((run) => run < 0);
        let next = 0;
        return runs.map((run) => {
          if (run > 0) return live[next++] ?? { short: String(run), full: String(run) };
          const name = tc('savedRun', { n: saved.indexOf(run) + 1 });
          return { short: name, full: name };
        });
      },
      readout: (v) => [
        tp('curves.readStep', { step: v.step }),
        tp('curves.readLoss', { loss: fmt(v.loss), smooth: fmt(v.smoothLoss) }),
        ...(v.accuracy === null ? [] : [tp('curves.readAccuracy', { value: (100 * v.accuracy).toFixed(1) })]),
        ...(v.learningRate === null ? [] : [tp('curves.readRate', { value: v.learningRate.toExponential(2) })]),
        ...v.others.map((o) => tr('readOther', { name: o.name, loss: fmt(o.loss) })),
      ],
    };
  }, [t, tp, tr, tRun, tc, kind]);
  const labelsRef = useRef(labels);

  useEffect(() => {
    if (!el.current) return undefined;
    const c = createLossChart(el.current, { loss: series.loss, accuracy: series.accuracy, labels: labelsRef.current, ...(series.saved ? { saved: series.saved } : {}) });
    chart.current = c;
    // Per-run data from the store: which run, its epoch results, the learning rate (a few times a second).
    const sync = (s: ReturnType<typeof store.getState>, prev?: ReturnType<typeof store.getState>) => {
      if (s.runId !== null && s.runId !== prev?.runId) {
        const dataset = s.datasetId === 'custom' ? CUSTOM_DATASET : datasetEntry(s.datasetId).name;
        settings.current.set(s.runId, { hyper: s.hyper, spec: s.spec, dataset });
        numbers.current.started(s.runId);
        c.startRun(s.runId);
      }
      if (s.epochs !== prev?.epochs || s.examples !== prev?.examples) {
        const per = selectStepsPerEpoch(s);
        const kindNow = selectScoreKind(s);
        c.setEpochs(per === null ? [] : s.epochs.map((e) => {
          const score = epochScore(e, kindNow);
          return { x: epochEndStep(e.epoch, per), test: score.test, validation: score.validation,
            ...(e.testMeanIoU === undefined ? {} : { testMeanIoU: e.testMeanIoU }) };
        }));
      }
      if (s.progress && s.progress !== prev?.progress && s.liveLearningRate !== undefined && s.liveLearningRate !== null) {
        c.addLearningRate(s.progress.step, s.liveLearningRate);
      }
    };
    const saved = series.saved;
    const countSaved = () => numbers.current.saved(saved?.get().length ?? 0);
    countSaved();
    const offSaved = saved?.subscribe(countSaved);
    sync(store.getState());
    const off = store.subscribe(sync);
    return () => {
      offSaved?.();
      off();
      c.destroy();
      chart.current = null;
    };
  }, [series, store]);

  useEffect(() => {
    labelsRef.current = labels;
    chart.current?.setLabels(labels);
  }, [labels, i18n.language]);

  useEffect(() => {
    chart.current?.setOptions({ logScale, smoothing });
  }, [logScale, smoothing]);

  // One compact header row (title, then small controls with their full names as tooltips and accessible
  // names); the plot takes the rest. The latest values are for screen readers; the table covers the plot.
  return (
    <section className="panel chart-panel" aria-labelledby="chart-heading">
      <div className="chart-head">
        <h2 id="chart-heading">{kind === 'meanAP' ? t('chart.headingMeanAP') : t('chart.heading')}</h2>
        <div className="chart-tools" role="group" aria-label={tc('tools')}>
          <label className="chart-toggle" title={tp('curves.logScale')}>
            <input type="checkbox" checked={logScale} data-action="log-scale" aria-label={tp('curves.logScale')}
              onChange={(e) => setLogScale(e.target.checked)} />
            <span aria-hidden="true">{tc('logShort')}</span>
          </label>
          <label className="chart-smoothing" title={tp('curves.smoothing')}>
            <span aria-hidden="true">{tc('smoothingShort')}</span>
            <input type="range" min={0} max={0.98} step={0.02} value={smoothing} data-action="smoothing"
              aria-label={tp('curves.smoothing')} onChange={(e) => setSmoothing(Number(e.target.value))} />
            <output>{smoothing.toFixed(2)}</output>
          </label>
          <ChartTableButton open={table !== null} onToggle={toggle} />
          <SaveButtons target={el} name="training-curves" />
        </div>
      </div>
      <div className="chart-body">
        <div className="chart-host" ref={el} data-testid="loss-chart" />
        {table && <ChartTable table={table} />}
      </div>
      <ChartLatest loss={series.loss} accuracy={series.accuracy} />
    </section>
  );
});
