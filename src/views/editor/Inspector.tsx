// Settings of the selected block, checked as the student types: a valid value goes into the network at once
// (one undo step per field), an invalid one stays in the box with a sentence saying what would be valid.
import { memo, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isInputKind, isOutputKind } from '../../model/graph';
import type { BlockSpec } from '../../model/spec';
import { useApp } from '../AppContext';
import { describeBlock } from '../describeBlock';
import { formatCount, formatShape } from '../format';
import { Formulas, IssueLine } from './BlockNode';
import { TrainingModeField } from './TrainingModeField';
import { formatField, parseField, visibleFields, type FieldDescriptor, type TextProblem } from './fields';

interface FieldProps {
  readonly block: BlockSpec;
  readonly field: FieldDescriptor;
  readonly disabled: boolean;
}

function TextField({ block, field, disabled }: FieldProps) {
  const { t } = useTranslation('editor');
  const id = useId();
  const update = useApp((s) => s.updateBlock);
  const value = (block as unknown as Record<string, unknown>)[field.name];
  const [text, setText] = useState(formatField(field, value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Changed from outside (undo, another block selected): show the stored value.
    setShown(value);
    setText(formatField(field, value));
  }
  const parsed = parseField(block.kind, field, text);
  const problem = parsed.ok ? null : parsed.problem;
  const label = t(`field.${field.name}`, { ns: 'model', defaultValue: field.name });
  // While the box shows invalid text the network keeps the last valid value: Train waits, naming the field.
  const setFieldInvalid = useApp((s) => s.setFieldInvalid);
  const key = `block:${block.id}:${field.name}`;
  const invalidName = problem ? `${block.id} · ${label}` : null;
  useEffect(() => setFieldInvalid(key, invalidName), [setFieldInvalid, key, invalidName]);
  useEffect(() => () => setFieldInvalid(key, null), [setFieldInvalid, key]);
  return (
    <div className={`field ${problem ? 'invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={text} disabled={disabled} data-field={field.name}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-err` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseField(block.kind, field, e.target.value);
          if (!next.ok) return;
          setShown(next.value);
          update(block.id, { [field.name]: next.value });
        }} />
      {problem && (
        <span id={`${id}-err`} className="field-error" role="alert">
          <ProblemText problem={problem} field={field} />
        </span>
      )}
    </div>
  );
}

function ProblemText({ problem, field }: { problem: TextProblem; field: FieldDescriptor }) {
  const { t } = useTranslation('editor');
  const values = { min: field.min, max: field.max };
  // Text that is no size or padding at all gets the editor's own hint; range problems the core's sentence.
  if (problem === 'size2' || problem === 'padding') return <>{t(`fieldError.${problem}`, values)}</>;
  return <>{t(`fieldProblem.${problem}`, { ns: 'model', ...values, defaultValue: problem })}</>;
}

function ChoiceField({ block, field, disabled }: FieldProps) {
  const { t } = useTranslation('editor');
  const id = useId();
  const update = useApp((s) => s.updateBlock);
  const value = (block as unknown as Record<string, unknown>)[field.name];
  const label = t(`field.${field.name}`, { ns: 'model', defaultValue: field.name });
  if (field.type === 'bool') {
    return (
      <div className="field checkbox">
        <label htmlFor={id}>
          <input id={id} type="checkbox" checked={(value ?? field.default) !== false} disabled={disabled} data-field={field.name}
            onChange={(e) => update(block.id, { [field.name]: e.target.checked })} /> {label}
        </label>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(value ?? field.default)} disabled={disabled} data-field={field.name}
        onChange={(e) => update(block.id, { [field.name]: e.target.value })}>
        {(field.options ?? []).map((o) => (
          <option key={o} value={o}>{t(`${field.optionLabels ?? field.name}.${o}`, { ns: 'model', defaultValue: o })}</option>
        ))}
      </select>
    </div>
  );
}

function Inputs({ block, disabled }: { block: BlockSpec; disabled: boolean }) {
  const { t } = useTranslation('editor');
  const disconnect = useApp((s) => s.disconnect);
  if (isInputKind(block.kind)) return null;
  return (
    <div className="inspector-inputs">
      <h4>{t('inspector.inputs')}</h4>
      {block.inputs.length === 0 && <p className="muted">{t('inspector.noInputs')}</p>}
      <ul>
        {block.inputs.map((from) => (
          <li key={from}>
            <span className="id">{from}</span>{' '}
            <button type="button" disabled={disabled} data-disconnect={from} onClick={() => disconnect(from, block.id)}>
              {t('inspector.disconnect', { from })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Props {
  readonly disabled: boolean;
  readonly onConnectFrom: (id: string) => void;
}

export const Inspector = memo(function Inspector({ disabled, onConnectFrom }: Props) {
  const { t, i18n } = useTranslation('editor');
  const selection = useApp((s) => s.selection);
  const spec = useApp((s) => s.spec);
  const analysis = useApp((s) => s.analysis);
  const block = spec.blocks.find((b) => b.id === selection[0]);
  if (selection.length > 1) return <aside className="editor-inspector"><p>{t('inspector.many', { count: selection.length })}</p></aside>;
  if (block === undefined) return <aside className="editor-inspector"><p className="muted">{t('inspector.none')}</p></aside>;
  const info = analysis.blocks.find((b) => b.id === block.id) ?? null;
  const issues = analysis.issues.filter((i) => i.blockId === block.id);
  const lang = i18n.language;
  return (
    <aside className="editor-inspector" aria-labelledby="inspector-heading" data-inspects={block.id}>
      <h3 id="inspector-heading">
        {t(`kind.${block.kind}`, { ns: 'model', defaultValue: block.kind })} <span className="id">{block.id}</span>
      </h3>
      <p className="settings">{describeBlock(block)}</p>
      <p>
        {t('node.shape')}: <strong className="shape">{formatShape(info?.outputShape ?? null)}</strong>
        <br />
        {t('node.params')}: {formatCount(info?.params.trainable ?? 0, lang)} {t('inspector.trainable')} ·{' '}
        {formatCount(info?.params.nonTrainable ?? 0, lang)} {t('inspector.nonTrainable')}
      </p>
      {info && <Formulas info={info} />}
      {issues.map((issue, i) => <IssueLine key={i} issue={issue} />)}
      <div className="fields">
        {visibleFields(block).map((f) => (f.type === 'enum' || f.type === 'bool'
          // Keyed by block too: switching blocks must not carry one block's half-typed text to another.
          ? <ChoiceField key={`${block.id}:${f.name}`} block={block} field={f} disabled={disabled} />
          : <TextField key={`${block.id}:${f.name}`} block={block} field={f} disabled={disabled} />))}
      </div>
      {(info?.params.trainable ?? 0) + (info?.params.nonTrainable ?? 0) > 0 && <TrainingModeField block={block} disabled={disabled} />}
      <Inputs block={block} disabled={disabled} />
      {!isOutputKind(block.kind) && (
        <button type="button" disabled={disabled} data-action="connect-from" onClick={() => onConnectFrom(block.id)}>
          {t('inspector.connectFrom')}
        </button>
      )}
    </aside>
  );
});
