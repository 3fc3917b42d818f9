// The workspace's side panels, as one typed list: the tabs, their order (keys 1-9 open the first nine), and
// what each shows. A feature adds its panel with one line here; its component loads on first open and stays
// mounted (hidden) afterwards, so what a student typed or drew survives a tab switch.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PanelId } from '../../store/uiSlice';

export interface PanelEntry {
  readonly id: PanelId;
  /** i18n key of the tab's title, in the 'workspace' namespace unless it names another ('ns:key'). */
  readonly titleKey: string;
  readonly component: LazyExoticComponent<ComponentType>;
}

/** `lazy` for a named export. */
const named = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

export const PANELS: readonly PanelEntry[] = [
  { id: 'data', titleKey: 'panel.data', component: named(() => import('./DataTrainingPanel'), (m) => m.DataTrainingPanel) },
  { id: 'block', titleKey: 'panel.block', component: named(() => import('./BlockPanel'), (m) => m.BlockPanel) },
  { id: 'maps', titleKey: 'panel.maps', component: named(() => import('./MapsPanel'), (m) => m.MapsPanel) },
  { id: 'predict', titleKey: 'panel.predict', component: named(() => import('../predict/PredictPanel'), (m) => m.PredictPanel) },
  { id: 'results', titleKey: 'panel.results', component: named(() => import('../predict/ResultsPanel'), (m) => m.ResultsPanel) },
  { id: 'saliency', titleKey: 'panel.saliency', component: named(() => import('../viz/SaliencyPanel'), (m) => m.SaliencyPanel) },
  { id: 'gradients', titleKey: 'panel.gradients', component: named(() => import('../viz/GradientFlowPanel'), (m) => m.GradientFlowPanel) },
  { id: 'arith', titleKey: 'panel.arith', component: named(() => import('../arith/ArithView'), (m) => m.ArithView) },
  { id: 'boxes', titleKey: 'panel.boxes', component: named(() => import('../detection/BoxesPanel'), (m) => m.BoxesPanel) },
  { id: 'epochs', titleKey: 'panel.epochs', component: named(() => import('../EpochTable'), (m) => m.EpochTable) },
  { id: 'summary', titleKey: 'panel.summary', component: named(() => import('../ModelPanel'), (m) => m.ModelPanel) },
  { id: 'understand', titleKey: 'understand:heading', component: named(() => import('../understand/UnderstandPanel'), (m) => m.UnderstandPanel) },
  { id: 'lessons', titleKey: 'lessons:heading', component: named(() => import('../lessons/LessonsPanel'), (m) => m.LessonsPanel) },
  { id: 'attention', titleKey: 'panel.attention', component: named(() => import('../viz/AttentionPanel'), (m) => m.AttentionPanel) },
];

export const panelIds = (): readonly PanelId[] => PANELS.map((p) => p.id);
