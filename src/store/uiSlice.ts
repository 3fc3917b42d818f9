import type { StateCreator } from 'zustand/vanilla';
import type { Language } from '../i18n';
import type { AppState } from './appStore';

/** Panel ids of the workspace's side panel (src/views/workspace/panels.ts lists them). */
export type PanelId = string;

export const DEFAULT_PANEL: PanelId = 'data';

export interface UiSlice {
  language: Language;
  /** Presenter mode: large type, high contrast, only the essential controls (P, a button, or `pm=1` in the link). */
  presenter: boolean;
  /** The side panel's open tab. */
  panel: PanelId;
  /** Presenter overlays: a blank screen (B), the key map (?), the laser pointer (L). */
  blank: boolean;
  keyMap: boolean;
  laser: boolean;
  /** The view shown full-screen (F), or null. */
  fullView: string | null;
  setLanguage(lang: Language): void;
  setPresenter(on: boolean): void;
  openPanel(id: PanelId): void;
  setOverlay(patch: Partial<Pick<UiSlice, 'blank' | 'keyMap' | 'laser' | 'fullView'>>): void;
}

export const createUiSlice = (language: Language): StateCreator<AppState, [], [], UiSlice> => (set) => ({
  language,
  presenter: false,
  panel: DEFAULT_PANEL,
  blank: false,
  keyMap: false,
  laser: false,
  fullView: null,
  setLanguage: (next) => set({ language: next }),
  setPresenter: (presenter) => set(presenter ? { presenter } : { presenter, laser: false, blank: false }),
  openPanel: (panel) => set({ panel }),
  setOverlay: (patch) => set(patch),
});

/** The part of the view a link keeps: presenter mode, the open panel and the selected block. */
export interface ViewState {
  readonly presenter: boolean;
  readonly panel: PanelId;
  readonly block: string | null;
}

export const selectView = (s: AppState): ViewState => ({
  presenter: s.presenter, panel: s.panel, block: s.selection.length === 1 ? (s.selection[0] ?? null) : null,
});

export const sameView = (a: ViewState, b: ViewState): boolean =>
  a.presenter === b.presenter && a.panel === b.panel && a.block === b.block;
