// The grid detector's loss weights, shown only when the chosen dataset finds boxes: YOLO v1's lambda_coord
// (the box's squared error) and lambda_noobj (the objectness of cells without an object). Out-of-range text
// is refused by the field, and Train waits until it is fixed.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_BOX_LOSS, MAX_BOX_WEIGHT } from '../../train/api/hyper';
import { useApp } from '../AppContext';
import { NumberField } from '../NumberField';
import { useDatasetTask } from '../predict/hooks';
import { useValidity } from './fields';

export const BoxLossGroup = memo(function BoxLossGroup({ busy }: { busy: boolean }) {
  const { t } = useTranslation('run');
  const loss = useApp((s) => s.hyper.boxLoss) ?? DEFAULT_BOX_LOSS;
  const setHyper = useApp((s) => s.setHyper);
  const checked = useValidity();
  const { task } = useDatasetTask();
  if (task !== 'detection') return null;
  return (
    <fieldset className="knob-group" data-group="boxLoss">
      <legend>{t('groups.boxLoss')}</legend>
      <div className="fields">
        <div className="field-with-help" data-field="coord">
          <NumberField onValidity={checked('hyper:boxLoss.coord', t('boxLoss.coord'))} label={t('boxLoss.coord')} value={loss.coord}
            min={0} max={MAX_BOX_WEIGHT} disabled={busy} onChange={(coord) => setHyper({ boxLoss: { ...loss, coord } })} />
          <span className="field-help">{t('boxLoss.coordHelp')}</span>
        </div>
        <div className="field-with-help" data-field="noObject">
          <NumberField onValidity={checked('hyper:boxLoss.noObject', t('boxLoss.noObject'))} label={t('boxLoss.noObject')} value={loss.noObject}
            min={0} max={MAX_BOX_WEIGHT} disabled={busy} onChange={(noObject) => setHyper({ boxLoss: { ...loss, noObject } })} />
          <span className="field-help">{t('boxLoss.noObjectHelp')}</span>
        </div>
      </div>
    </fieldset>
  );
});
