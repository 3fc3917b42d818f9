// The selected block's training mode: trainable, frozen, or its own learning-rate multiplier (transfer
// learning: freeze a backbone, fine-tune it slowly, train a new head at full rate).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { blockTrainingOf, LR_MULTIPLIER_LIMITS, type BlockTraining, type BlockTrainingMode } from '../../model/blockTraining';
import type { BlockSpec } from '../../model/spec';
import { useApp } from '../AppContext';

const MODES: readonly BlockTrainingMode[] = ['trainable', 'frozen', 'scaled'];
const DEFAULT_MULTIPLIER = 0.1;

function parseMultiplier(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) && value >= LR_MULTIPLIER_LIMITS.min && value <= LR_MULTIPLIER_LIMITS.max
    ? value : null;
}

export function TrainingModeField({ block, disabled }: { block: BlockSpec; disabled: boolean }) {
  const { t } = useTranslation('editor');
  const id = useId();
  const spec = useApp((s) => s.spec);
  const setTraining = useApp((s) => s.setBlockTraining);
  const training = blockTrainingOf(spec, block.id);
  const stored = training.mode === 'scaled' ? String(training.lrMultiplier) : String(DEFAULT_MULTIPLIER);
  const [text, setText] = useState(stored);
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored); // changed from outside (undo, another block)
    setText(stored);
  }
  const limits = { min: LR_MULTIPLIER_LIMITS.min, max: LR_MULTIPLIER_LIMITS.max };
  const invalid = training.mode === 'scaled' && parseMultiplier(text) === null;
  const choose = (mode: BlockTrainingMode) => {
    const next: BlockTraining = mode === 'scaled' ? { mode, lrMultiplier: parseMultiplier(text) ?? DEFAULT_MULTIPLIER } : { mode };
    setTraining(block.id, next);
  };
  return (
    <div className="training-mode" data-training-mode={training.mode}>
      <div className="field">
        <label htmlFor={id}>{t('training.label')}</label>
        <select id={id} value={training.mode} disabled={disabled} data-field="training"
          onChange={(e) => choose(e.target.value as BlockTrainingMode)}>
          {MODES.map((m) => <option key={m} value={m}>{t(`training.${m}`)}</option>)}
        </select>
      </div>
      {training.mode === 'frozen' && <p className="muted">{t('training.frozenNote')}</p>}
      {training.mode === 'scaled' && (
        <div className={`field ${invalid ? 'invalid' : ''}`}>
          <label htmlFor={`${id}-m`}>{t('training.multiplier')}</label>
          <input id={`${id}-m`} type="text" inputMode="decimal" value={text} disabled={disabled} data-field="lrMultiplier"
            aria-invalid={invalid} aria-describedby={`${id}-mh`}
            onChange={(e) => {
              setText(e.target.value);
              const value = parseMultiplier(e.target.value);
              if (value !== null) setTraining(block.id, { mode: 'scaled', lrMultiplier: value });
            }} />
          <span id={`${id}-mh`} className={invalid ? 'field-error' : 'muted'} role={invalid ? 'alert' : undefined}>
            {invalid ? t('training.multiplierError', limits) : t('training.multiplierHint', limits)}
          </span>
        </div>
      )}
    </div>
  );
}
