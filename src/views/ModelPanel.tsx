import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockAnalysis, ModelAnalysis, ModelIssue } from '../model/analysis';
import { PRESETS, REFERENCE_PRESETS } from '../model/presets';
import type { BlockSpec } from '../model/spec';
import { selectIsRunning } from '../store/appStore';
import { useApp } from './AppContext';
import { CopyFallback } from './CopyFallback';
import { describeBlock } from './describeBlock';
import { formatCount, formatShape } from './format';
import { formatBytes } from '../model/units';
import { panelCosts, summaryText, type BlockCosts, type PanelCosts } from './modelCosts';
import { useCopyText } from './useCopyText';
import './link.css';

function IssueText({ issue }: { issue: ModelIssue }) {
  const { t } = useTranslation('model');
  return (
    <p className={`issue ${issue.severity}`} role={issue.severity === 'error' ? 'alert' : 'note'}>
      {t(`issue.${issue.code}`, { ...issue.values, defaultValue: issue.code })}
    </p>
  );
}

/** One formula per axis, or a single line when height and width compute alike (square input and kernel). */
function Arithmetic({ arithmetic }: { arithmetic: BlockAnalysis['arithmetic'] }) {
  const { t } = useTranslation();
  const [h, w] = arithmetic;
  if (h && w && h.formula === w.formula) {
    return <code title={t('model.bothAxes')}>{h.formula}</code>;
  }
  return (
    <>
      {arithmetic.map((a) => (
        <code key={a.axis}>
          <span className="axis">{t(`model.axis.${a.axis}`)}: </span>
          {a.formula}
        </code>
      ))}
    </>
  );
}

function CostCells({ costs, lang }: { costs: BlockCosts | undefined; lang: string }) {
  const { t } = useTranslation('link');
  const rf = costs?.receptiveField;
  return (
    <>
      <td className="cost flops" data-value={costs?.multiplyAdds ?? ''}>
        {costs?.multiplyAdds == null ? '—' : formatCount(costs.multiplyAdds, lang)}
      </td>
      <td className="cost memory" data-value={costs?.activationBytes ?? ''}>
        {costs?.activationBytes == null ? '—' : formatBytes(costs.activationBytes, lang)}
      </td>
      <td className="cost receptive-field" data-value={rf ? rf.join('x') : ''} data-whole={costs?.wholeInput ? 'true' : undefined}
        title={costs?.wholeInput ? t('summary.wholeInput') : undefined}>
        {rf ? `${rf[0]} × ${rf[1]}` : '—'}
      </td>
    </>
  );
}

interface RowProps {
  readonly info: BlockAnalysis;
  readonly block: BlockSpec | undefined;
  readonly issues: readonly ModelIssue[];
  readonly costs: PanelCosts | null;
  readonly showCosts: boolean;
}

function BlockRow({ info, block, issues, costs, showCosts }: RowProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { trainable, nonTrainable } = info.params;
  return (
    <tr data-block={info.id} data-kind={info.kind} className={issues.length ? 'has-issue' : ''}>
      <td>
        <span className="kind">{t(`kind.${info.kind}`, { ns: 'model', defaultValue: info.kind })}</span>{' '}
        <span className="settings">{block ? describeBlock(block) : ''}</span>
        {issues.map((issue, i) => (
          <IssueText key={i} issue={issue} />
        ))}
      </td>
      <td className="shape">{formatShape(info.outputShape)}</td>
      <td className="num params" data-trainable={trainable} data-non-trainable={nonTrainable}>
        {formatCount(trainable + nonTrainable, lang)}
        {nonTrainable > 0 && (
          <span className="split">
            {formatCount(trainable, lang)} {t('model.trainable')} · {formatCount(nonTrainable, lang)} {t('model.nonTrainable')}
          </span>
        )}
      </td>
      {showCosts && <CostCells costs={costs?.blocks.get(info.id)} lang={lang} />}
      <td className="arith"><Arithmetic arithmetic={info.arithmetic} /></td>
    </tr>
  );
}

/** "Copy summary" (Keras-style text, with multiply-adds when the costs are shown) and the costs switch. */
function SummaryTools({ showCosts, onShowCosts, text }: {
  showCosts: boolean; onShowCosts(v: boolean): void; text: () => string;
}) {
  const { t } = useTranslation('link');
  const { state, copy } = useCopyText();
  return (
    <div className="summary-tools">
      <button type="button" data-action="copy-summary" title={t('summary.copyHint')} onClick={() => copy(text())}>
        {t('summary.copy')}
      </button>
      <span className="copy-status" role="status" data-status={state.status}>
        {state.status === 'copied' ? t('summary.copied') : ''}
      </span>
      <label>
        <input type="checkbox" data-action="show-costs" checked={showCosts} onChange={(e) => onShowCosts(e.target.checked)} />{' '}
        {t('summary.showCosts')}
      </label>
      {state.status === 'failed' && <CopyFallback text={state.text} rows={8} />}
    </div>
  );
}

export const ModelPanel = memo(function ModelPanel() {
  const { t } = useTranslation();
  const ta = useTranslation('a11y').t;
  const spec = useApp((s) => s.spec);
  const analysis = useApp((s) => s.analysis);
  const presetId = useApp((s) => s.presetId);
  const loadPreset = useApp((s) => s.loadPreset);
  const dataShape = useApp((s) => s.dataShape);
  const running = useApp(selectIsRunning);
  const [showCosts, setShowCosts] = useState(false);
  const byId = new Map(spec.blocks.map((b) => [b.id, b]));
  const globalIssues = analysis.issues.filter((i) => i.blockId === null);
  // Measured only while shown: the costs walk the whole network again.
  const costs = useMemo(() => (showCosts ? panelCosts(spec, analysis, dataShape) : null), [showCosts, spec, analysis, dataShape]);
  const costColumns = costs !== null;

  return (
    <section className="panel model-panel" aria-labelledby="model-heading">
      <header className="panel-header">
        <h2 id="model-heading">{t('model.heading')}</h2>
        <label>
          {t('model.preset')}{' '}
          <select value={presetId} disabled={running} onChange={(e) => loadPreset(e.target.value)}>
            <optgroup label={t('model.trainablePresets')}>
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {t(`preset.${p.id}`, { ns: 'model', defaultValue: p.id })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('model.studyPresets')}>
              {REFERENCE_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {t(`preset.${p.id}`, { ns: 'model', defaultValue: p.id })}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </header>
      <SummaryTools showCosts={showCosts} onShowCosts={setShowCosts}
        text={() => summaryText(spec, analysis, costs?.model ?? null)} />
      {globalIssues.map((issue, i) => (
        <IssueText key={i} issue={issue} />
      ))}
      {/* The cost columns make the table wider than its column: it scrolls rather than squeezing the formulas. */}
      {/* Focusable, so a keyboard can scroll it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={ta('blockTable')}>
        <table className="block-table">
          <thead>
            <tr>
              <th scope="col">{t('model.block')}</th>
              <th scope="col">{t('model.outputShape')}</th>
              <th scope="col" className="num">{t('model.params')}</th>
              {costColumns && <CostHeaders />}
              <th scope="col">{t('model.arithmetic')}</th>
            </tr>
          </thead>
          <tbody>
            {analysis.blocks.map((info) => (
              <BlockRow key={info.id} info={info} block={byId.get(info.id)} costs={costs} showCosts={costColumns}
                issues={analysis.issues.filter((i) => i.blockId === info.id)} />
            ))}
          </tbody>
          <TotalsRow totals={analysis.totals} outputShape={analysis.outputShape} costs={costs} />
        </table>
      </div>
    </section>
  );
});

function TotalsRow({ totals, outputShape, costs }: {
  totals: ModelAnalysis['totals']; outputShape: ModelAnalysis['outputShape']; costs: PanelCosts | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <tfoot>
      <tr>
        <th scope="row">{t('model.total')}</th>
        <td className="shape">{formatShape(outputShape)}</td>
        <td className="num total-params" data-trainable={totals.trainable} data-non-trainable={totals.nonTrainable}>
          {formatCount(totals.trainable + totals.nonTrainable, lang)}
        </td>
        {costs !== null && <CostTotals costs={costs} lang={lang} />}
        <td className="muted">
          {formatCount(totals.trainable, lang)} {t('model.trainable')} ·{' '}
          {formatCount(totals.nonTrainable, lang)} {t('model.nonTrainable')}
        </td>
      </tr>
    </tfoot>
  );
}

function CostHeaders() {
  const { t } = useTranslation('link');
  return (
    <>
      <th scope="col" className="num" title={t('summary.flopsHint')}>{t('summary.flops')}</th>
      <th scope="col" className="num" title={t('summary.memoryHint')}>{t('summary.memory')}</th>
      <th scope="col" className="num" title={t('summary.receptiveFieldHint')}>{t('summary.receptiveField')}</th>
    </>
  );
}

function CostTotals({ costs, lang }: { costs: PanelCosts; lang: string }) {
  return (
    <>
      <td className="cost flops total-flops" data-value={costs.totals.multiplyAdds}>
        {formatCount(costs.totals.multiplyAdds, lang)}
      </td>
      <td className="cost memory total-memory" data-value={costs.totals.activationBytes}>
        {formatBytes(costs.totals.activationBytes, lang)}
      </td>
      <td />
    </>
  );
}
