// How many of the training labels a run uses (1%, 10%, 100%: cs231n's "how much data"), beside the validation
// share; the note says about how many images that leaves. The worker's status line gives the exact count.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { isLabelShare, labelledCount, LABEL_SHARES } from '../../data/labelShare';
import { useApp } from '../AppContext';
import { formatCount } from '../format';

export const LabelShareField = memo(function LabelShareField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('data');
  const share = useApp((s) => s.hyper.labelShare) ?? 1;
  const setHyper = useApp((s) => s.setHyper);
  return (
    <div className="field" data-field="labelShare">
      <label htmlFor="label-share-select">{t('labelShare')}</label>
      <select id="label-share-select" data-testid="label-share" value={String(share)} disabled={disabled}
        onChange={(e) => {
          const next = Number(e.target.value);
          if (isLabelShare(next)) setHyper({ labelShare: next });
        }}>
        {LABEL_SHARES.map((s) => <option key={s} value={String(s)}>{t('labelShareOption', { percent: s * 100 })}</option>)}
      </select>
    </div>
  );
});

/** The note under the data settings when a share is chosen; nothing at 100%. */
export function LabelShareNote({ train }: { train: number }) {
  const { t, i18n } = useTranslation('data');
  const share = useApp((s) => s.hyper.labelShare) ?? 1;
  if (share === 1) return null;
  const n = (v: number) => formatCount(v, i18n.language);
  return <p className="muted label-share-note" data-share={share}>{t('labelShareNote', { used: n(labelledCount(train, share)), all: n(train) })}</p>;
}
