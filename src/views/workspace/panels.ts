// The workspace's side panels, as one typed list: the tabs, their order (keys 1-9 open the first nine shown), and
// what each shows. A feature adds its panel with one line here; its component loads on first open and stays
// mounted (hidden) afterwards, so what a student typed or drew survives a tab switch. A panel for one kind of
// network (boxes for a detector, attention for a transformer) has its tab only while it applies, at the end:
// two such tabs wrapped the tab row into a third line at 1280x720 and moved the Epochs tab off key 9.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { datasetTask } from '../../data/registry';
import type { ModelSpec } from '../../model/spec';
import type { DatasetId } from '../../data/registry';
import type { PanelId } from '../../store/uiSlice';

export interface PanelEntry {
  readonly id: PanelId;
  /** i18n key of the tab's title, in the 'workspace' namespace unless it names another ('ns:key'). */
  readonly titleKey: string;
  readonly component: LazyExoticComponent<ComponentType>;
  /** Shown only while this holds; always when absent. */
  readonly shownWhen?: (on: PanelContext) => boolean;
}

/** What decides whether a panel applies: the dataset's task and the block kinds of the network on screen. */
export interface PanelContext {
  readonly task: string | undefined;
  readonly kinds: ReadonlySet<string>;
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
  { id: 'epochs', titleKey: 'panel.epochs', component: named(() => import('../EpochTable'), (m) => m.EpochTable) },
  { id: 'summary', titleKey: 'panel.summary', component: named(() => import('../ModelPanel'), (m) => m.ModelPanel) },
  { id: 'understand', titleKey: 'understand:heading', component: named(() => import('../understand/UnderstandPanel'), (m) => m.UnderstandPanel) },
  { id: 'lessons', titleKey: 'lessons:heading', component: named(() => import('../lessons/LessonsPanel'), (m) => m.LessonsPanel) },
  { id: 'boxes', titleKey: 'panel.boxes', component: named(() => import('../detection/BoxesPanel'), (m) => m.BoxesPanel),
    shownWhen: (on) => on.task === 'detection' || on.kinds.has('griddetect') },
  { id: 'attention', titleKey: 'panel.attention', component: named(() => import('../viz/AttentionPanel'), (m) => m.AttentionPanel),
    shownWhen: (on) => on.kinds.has('attention') },
];

/** The panels whose tabs are shown, in order. */
export const shownPanels = (on: PanelContext): readonly PanelEntry[] => PANELS.filter((p) => p.shownWhen?.(on) ?? true);

/** The panel context of the app's state: its dataset's task and its network's kinds. */
export const panelContextOf = (s: { readonly datasetId: DatasetId; readonly spec: ModelSpec }): PanelContext => ({
  task: datasetTask(s.datasetId), kinds: new Set(s.spec.blocks.map((b) => b.kind)),
});

let last: { spec: ModelSpec; datasetId: DatasetId; key: string } | null = null;

/**
 * The ids of the shown panels, space-separated: a selector's value that changes only when the tabs do. The store
 * calls it on every change (a batch's metrics too), so it is worked out again only for another network or dataset.
 */
export function shownPanelKey(s: { readonly datasetId: DatasetId; readonly spec: ModelSpec }): string {
  if (last?.spec === s.spec && last.datasetId === s.datasetId) return last.key;
  const key = shownPanels(panelContextOf(s)).map((p) => p.id).join(' ');
  last = { spec: s.spec, datasetId: s.datasetId, key };
  return key;
}

export const panelIds = (): readonly PanelId[] => PANELS.map((p) => p.id);
