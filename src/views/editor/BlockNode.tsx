// One block on the canvas: kind and id, its key settings, and always its output shape and parameters; the
// arithmetic behind the shape with the block's own numbers; its problems as sentences; costs on demand.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AxisArithmetic, BlockAnalysis, ModelIssue } from '../../model/analysis';
import { roleOf } from '../../blocks/registry';
import { connectMessageKey } from '../../model/connect';
import { describeBlock } from '../describeBlock';
import { formatCount, formatShape } from '../format';
import type { BlockCost } from '../../model/cost';
import { formatBytes } from '../../model/units';
import { BlockThumb } from '../viz/BlockThumb';
import { costText } from './cost';
import type { BlockNode as BlockNodeType } from './flowModel';

export function IssueLine({ issue }: { issue: ModelIssue }) {
  const { t } = useTranslation('model');
  return (
    <p className={`issue ${issue.severity}`} data-code={issue.code}>
      {t(`issue.${issue.code}`, { ...issue.values, defaultValue: issue.code })}
    </p>
  );
}

/** One line when both axes compute alike, else one per axis. */
export function Formulas({ info }: { info: BlockAnalysis }) {
  const { t } = useTranslation('editor');
  const [h, w] = info.arithmetic as readonly (AxisArithmetic | undefined)[];
  const lines: { key: string; label: string | null; text: string }[] = [];
  if (h && w && h.formula === w.formula) lines.push({ key: 'hw', label: null, text: h.formula });
  else for (const a of info.arithmetic) lines.push({ key: a.axis, label: t(`axis.${a.axis}`), text: a.formula });
  if (info.shapeFormula) lines.push({ key: 'shape', label: null, text: info.shapeFormula });
  if (info.paramsFormula) lines.push({ key: 'params', label: t('node.paramsShort'), text: info.paramsFormula });
  if (lines.length === 0) return null;
  return (
    <div className="formulas">
      {lines.map((l) => (
        <code key={l.key}>{l.label && <span className="axis">{l.label}: </span>}{l.text}</code>
      ))}
    </div>
  );
}

function Cost({ cost }: { cost: BlockCost }) {
  const { t, i18n } = useTranslation('editor');
  const text = costText(cost);
  const lang = i18n.language;
  return (
    <dl className="cost">
      <dt>{t('node.flops')}</dt>
      <dd data-cost="flops" title={t('node.flopsTitle', { macs: formatCount(text.macs, lang) })}>
        {formatCount(text.flops, lang)}
      </dd>
      <dt>{t('node.memory')}</dt><dd data-cost="memory">{formatBytes(text.bytes, lang)}</dd>
      <dt>{t('node.receptiveField')}</dt>
      <dd data-cost="rf">{text.receptiveField ?? '—'}{text.wholeInput ? ` (${t('node.wholeInput')})` : ''}</dd>
    </dl>
  );
}

function BlockNodeView({ data, selected }: NodeProps<BlockNodeType>) {
  const { t, i18n } = useTranslation('editor');
  const { block, info, issues, refusal } = data;
  const lang = i18n.language;
  const errors = issues.filter((i) => i.severity === 'error');
  const state = errors.length > 0 || refusal ? 'error' : issues.length > 0 ? 'warning' : 'ok';
  const settings = describeBlock(block);
  return (
    <div className={`block-node state-${state}${selected ? ' selected' : ''}${data.connectSource ? ' connect-source' : ''}`}
      data-block={block.id} data-kind={block.kind} data-state={state}>
      {roleOf(block.kind) !== 'input' && <Handle type="target" position={Position.Left} />}
      <header>
        <span className="kind">{t(`kind.${block.kind}`, { ns: 'model', defaultValue: block.kind })}</span>
        <span className="id">{block.id}</span>
      </header>
      {settings && <div className="settings">{settings}</div>}
      <BlockThumb id={block.id} kind={block.kind} />
      <div className="facts">
        <span className="label">{t('node.shape')}</span>
        <span className="shape" data-testid="shape">{formatShape(info?.outputShape ?? null)}</span>
        <span className="label">{t('node.params')}</span>
        <span className="params" data-trainable={info?.params.trainable ?? 0}
          data-non-trainable={info?.params.nonTrainable ?? 0}>
          {formatCount(info?.params.trainable ?? 0, lang)} <span className="muted">{t('node.trainable')}</span>
          {' · '}{formatCount(info?.params.nonTrainable ?? 0, lang)} <span className="muted">{t('node.nonTrainable')}</span>
        </span>
      </div>
      {info && <Formulas info={info} />}
      {data.cost && <Cost cost={data.cost} />}
      {(issues.length > 0 || refusal) && (
        <div className="issues" role="alert">
          {refusal && (
            <p className="issue error" data-code={refusal.code}>
              {t('refused', { from: refusal.from, reason: t(connectMessageKey(refusal.code), { ns: 'model', ...refusal.values, defaultValue: refusal.code }) })}
            </p>
          )}
          {issues.map((issue, i) => <IssueLine key={i} issue={issue} />)}
        </div>
      )}
      {roleOf(block.kind) !== 'output' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}

export const BlockNode = memo(BlockNodeView);
