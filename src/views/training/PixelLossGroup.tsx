// Segmentation's loss settings, shown only when the chosen dataset labels every pixel: how much Dice loss to
// add to the per-pixel cross-entropy, and whether rare classes weigh more (median frequency balancing).
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PIXEL_LOSS, MAX_DICE } from '../../train/api/hyper';
import { useApp } from '../AppContext';
import { NumberField } from '../NumberField';
import { useDatasetTask } from '../predict/hooks';
import { CheckField, useValidity } from './fields';

export const PixelLossGroup = memo(function PixelLossGroup({ busy }: { busy: boolean }) {
  const { t } = useTranslation('run');
  const loss = useApp((s) => s.hyper.pixelLoss) ?? DEFAULT_PIXEL_LOSS;
  const setHyper = useApp((s) => s.setHyper);
  const checked = useValidity();
  const { task } = useDatasetTask();
  if (task !== 'segmentation') return null;
  return (
    <fieldset className="knob-group" data-group="pixelLoss">
      <legend>{t('groups.pixelLoss')}</legend>
      <div className="fields">
        <div className="field-with-help" data-field="dice">
          <NumberField onValidity={checked('hyper:pixelLoss.dice', t('pixelLoss.dice'))} label={t('pixelLoss.dice')} value={loss.dice}
            min={0} max={MAX_DICE} disabled={busy} onChange={(dice) => setHyper({ pixelLoss: { ...loss, dice } })} />
          <span className="field-help">{t('pixelLoss.diceHelp')}</span>
        </div>
        <CheckField name="balance" label={t('pixelLoss.balance')} checked={loss.balance} disabled={busy} help={t('pixelLoss.balanceHelp')}
          onChange={(balance) => setHyper({ pixelLoss: { ...loss, balance } })} />
      </div>
    </fieldset>
  );
});
