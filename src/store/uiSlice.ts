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
  /**
   * Fields whose text is not a valid value (key -> the name shown to the user, e.g. "Batch size" or
   * "conv1 · Kernel"). The store then holds a different value than the one shown, so Train waits for them.
   */
  invalidFields: Readonly<Record<string, string>>;
  /** `name`: the field's name while its text is invalid; null once it is valid (or gone from the screen). */
  setFieldInvalid(key: string, name: string | null): void;
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
  invalidFields: {},
  setFieldInvalid: (key, name) => set((s) => {
    if ((s.invalidFields[key] ?? null) === name) return s;
    const next = { ...s.invalidFields };
    if (name === null) delete next[key];
    else next[key] = name;
    return { invalidFields: next };
  }),
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
