import { memo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnderstandView } from '../../train/api/understandProtocol';
import { AttackView } from './AttackView';
import { ClassVizView } from './ClassVizView';
import { FeaturesView } from './FeaturesView';
import { OcclusionView } from './OcclusionView';
import { StatsView } from './StatsView';
import { TopView } from './TopView';
import './understand.css';

const VIEWS: readonly (readonly [UnderstandView, ComponentType<{ active: boolean }>])[] = [
  ['stats', StatsView], ['top', TopView], ['occlusion', OcclusionView], ['classviz', ClassVizView], ['attack', AttackView], ['features', FeaturesView],
];

/**
 * cs231n's "visualizing and understanding" toolkit on the student's own network: six views, one shown at a
 * time; each asks the worker only when the student presses its button. Hidden views stay mounted, so each
 * keeps the settings that produced its picture (never a picture beside settings it did not come from).
 */
export const UnderstandPanel = memo(function UnderstandPanel() {
  const { t } = useTranslation('understand');
  const [open, setOpen] = useState<UnderstandView>('stats');
  return (
    <section className="panel understand-panel" aria-labelledby="understand-heading" data-testid="understand-panel">
      <h2 id="understand-heading">{t('heading')}</h2>
      <p className="muted understand-intro">{t('intro')}</p>
      <div role="tablist" className="understand-tabs" aria-label={t('heading')}>
        {VIEWS.map(([id]) => (
          <button key={id} type="button" role="tab" aria-selected={open === id} data-tab={id} onClick={() => setOpen(id)}>{t(`tabs.${id}`)}</button>
        ))}
      </div>
      {VIEWS.map(([id, View]) => (
        <div key={id} role="tabpanel" hidden={open !== id}><View active={open === id} /></div>
      ))}
    </section>
  );
});
