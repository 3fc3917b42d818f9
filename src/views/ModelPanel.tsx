import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockAnalysis, ModelIssue } from '../model/analysis';
import { PRESETS } from '../model/presets';
import { selectIsRunning } from '../store/appStore';
import { useApp } from './AppContext';
import { describeBlock } from './describeBlock';
import { formatCount, formatShape } from './format';

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

export const ModelPanel = memo(function ModelPanel() {
  const { t, i18n } = useTranslation();
  const spec = useApp((s) => s.spec);
  const analysis = useApp((s) => s.analysis);
  const presetId = useApp((s) => s.presetId);
  const loadPreset = useApp((s) => s.loadPreset);
  const running = useApp(selectIsRunning);
  const lang = i18n.language;
  const byId = new Map(spec.blocks.map((b) => [b.id, b]));
  const globalIssues = analysis.issues.filter((i) => i.blockId === null);

  return (
    <section className="panel model-panel" aria-labelledby="model-heading">
      <header className="panel-header">
        <h2 id="model-heading">{t('model.heading')}</h2>
        <label>
          {t('model.preset')}{' '}
          <select value={presetId} disabled={running} onChange={(e) => loadPreset(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`preset.${p.id}`, { ns: 'model', defaultValue: p.id })}
              </option>
            ))}
          </select>
        </label>
      </header>
      {globalIssues.map((issue, i) => (
        <IssueText key={i} issue={issue} />
      ))}
      <table className="block-table">
        <thead>
          <tr>
            <th scope="col">{t('model.block')}</th>
            <th scope="col">{t('model.outputShape')}</th>
            <th scope="col" className="num">{t('model.params')}</th>
            <th scope="col">{t('model.arithmetic')}</th>
          </tr>
        </thead>
        <tbody>
          {analysis.blocks.map((info) => {
            const block = byId.get(info.id);
            const issues = analysis.issues.filter((i) => i.blockId === info.id);
            const params = info.params.trainable + info.params.nonTrainable;
            return (
              <tr key={info.id} data-block={info.id} data-kind={info.kind} className={issues.length ? 'has-issue' : ''}>
                <td>
                  <span className="kind">{t(`kind.${info.kind}`, { ns: 'model', defaultValue: info.kind })}</span>{' '}
                  <span className="settings">{block ? describeBlock(block) : ''}</span>
                  {issues.map((issue, i) => (
                    <IssueText key={i} issue={issue} />
                  ))}
                </td>
                <td className="shape">{formatShape(info.outputShape)}</td>
                <td className="num params">{formatCount(params, lang)}</td>
                <td className="arith"><Arithmetic arithmetic={info.arithmetic} /></td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('model.total')}</th>
            <td className="shape">{formatShape(analysis.outputShape)}</td>
            <td className="num total-params" data-trainable={analysis.totals.trainable}>
              {formatCount(analysis.totals.trainable + analysis.totals.nonTrainable, lang)}
            </td>
            <td className="muted">
              {formatCount(analysis.totals.trainable, lang)} {t('model.trainable')} ·{' '}
              {formatCount(analysis.totals.nonTrainable, lang)} {t('model.nonTrainable')}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
});
