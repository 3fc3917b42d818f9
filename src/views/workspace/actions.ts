// Every workspace command as one object (excalidraw's actions): the top bar's buttons and the keyboard call
// the same `perform`, so a key does exactly what its button does. Keys follow reveal.js: single keys, `?` for
// the map, B to blank. Pure apart from the store and run controller handed in, so the table is unit-tested.
import type { AppStore } from '../../store/appStore';
import { selectCanTrain, selectIsPaused, selectIsRunning, selectRunActive } from '../../store/appStore';
import { selectLessonHidden } from '../../store/lessonsSlice';
import type { RunController } from '../../store/runController';
import type { HiddenPart } from '../../lessons/types';
import { panelContextOf, shownPanels } from './panels';

export interface ActionContext {
  readonly store: AppStore;
  readonly run: Pick<RunController, 'start' | 'pause' | 'resume' | 'step' | 'stop'>;
  /** The view a full-screen key acts on: the region holding focus, else the network. */
  readonly focusedView?: () => string;
}

export interface WorkspaceAction {
  readonly id: string;
  /** KeyboardEvent.key values that trigger it (none: a button only). */
  readonly keys: readonly string[];
  /** 'workspace' i18n key describing it in the key map. */
  readonly labelKey: string;
  /** The key as the key map shows it. */
  readonly keyLabel: string;
  /** Whether the action can act now; a key for one that cannot is left to the focused element. */
  enabled?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext, key?: string): void;
}

/** Whether the open lesson step hides this part of the workspace: its keys then do nothing either. */
const hidden = (ctx: ActionContext, part: HiddenPart) => selectLessonHidden(ctx.store.getState()).split(' ').includes(part);

/** The run's keys act only while the open lesson step shows the run controls. */
const runShown = (ctx: ActionContext) => !hidden(ctx, 'runControls');

const toggle = (ctx: ActionContext, name: 'blank' | 'keyMap' | 'laser') => {
  const s = ctx.store.getState();
  s.setOverlay({ [name]: !s[name] });
};

export const ACTIONS = {
  togglePresenter: {
    id: 'presenter', keys: ['p', 'P'], labelKey: 'keys.togglePresenter', keyLabel: 'P',
    perform: (ctx) => {
      const s = ctx.store.getState();
      s.setPresenter(!s.presenter);
    },
  },
  playPause: {
    id: 'play-pause', keys: [' '], labelKey: 'keys.playPause', keyLabel: 'Space', enabled: runShown,
    perform: (ctx) => {
      if (!runShown(ctx)) return;
      const s = ctx.store.getState();
      if (selectIsRunning(s)) ctx.run.pause();
      else if (selectIsPaused(s)) ctx.run.resume();
      else if (selectCanTrain(s)) ctx.run.start();
    },
  },
  step: {
    id: 'step', keys: ['ArrowRight'], labelKey: 'keys.step', keyLabel: '→', enabled: runShown,
    perform: (ctx) => {
      if (!runShown(ctx)) return;
      const s = ctx.store.getState();
      if (selectIsPaused(s) || selectCanTrain(s)) ctx.run.step();
    },
  },
  reset: {
    id: 'reset', keys: ['r', 'R'], labelKey: 'keys.reset', keyLabel: 'R', enabled: runShown,
    perform: (ctx) => {
      if (!runShown(ctx)) return;
      const s = ctx.store.getState();
      if (selectRunActive(s)) ctx.run.stop();
    },
  },
  fullView: {
    id: 'full-view', keys: ['f', 'F'], labelKey: 'keys.fullView', keyLabel: 'F',
    perform: (ctx) => {
      const s = ctx.store.getState();
      s.setOverlay({ fullView: s.fullView === null ? (ctx.focusedView?.() ?? 'network') : null });
    },
  },
  panel: {
    id: 'panel', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], labelKey: 'keys.panel', keyLabel: '1–9',
    perform: (ctx, key) => {
      const entry = shownPanels(panelContextOf(ctx.store.getState()))[Number(key) - 1];
      if (entry && (entry.id === 'lessons' || !hidden(ctx, 'otherPanels'))) ctx.store.getState().openPanel(entry.id);
    },
  },
  laser: { id: 'laser', keys: ['l', 'L'], labelKey: 'keys.laser', keyLabel: 'L', perform: (ctx) => toggle(ctx, 'laser') },
  blank: { id: 'blank', keys: ['b', 'B'], labelKey: 'keys.blank', keyLabel: 'B', perform: (ctx) => toggle(ctx, 'blank') },
  keyMap: { id: 'key-map', keys: ['?'], labelKey: 'keys.keyMap', keyLabel: '?', perform: (ctx) => toggle(ctx, 'keyMap') },
} satisfies Record<string, WorkspaceAction>;

export const ACTION_LIST: readonly WorkspaceAction[] = Object.values(ACTIONS);

export interface KeyEventLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly defaultPrevented: boolean;
  readonly target: EventTarget | null;
}

/**
 * Whether a key press belongs to what has focus rather than to the workspace: typing in a field, and Space
 * on a button or link (it presses it). The network editor's own keys (arrows, Space on a block, Delete, C)
 * arrive here already handled (default prevented). In presenter mode only fields keep their keys: an
 * instructor who last clicked a block, a tab or a button still gets Space and → (reveal.js does the same).
 */
export function ownedByFocus(key: string, target: EventTarget | null, presenter = false): boolean {
  const el = target as { closest?: (s: string) => unknown } | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]') !== null) return true;
  return !presenter && key === ' ' && el.closest('button, a, summary, [role=tab]') !== null;
}

/** The action a key press asks for, or null (modifiers, a key the focused element owns, handled already). */
export function actionForKey(e: KeyEventLike, presenter = false): WorkspaceAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (ownedByFocus(e.key, e.target, presenter)) return null;
  return ACTION_LIST.find((a) => a.keys.includes(e.key)) ?? null;
}
