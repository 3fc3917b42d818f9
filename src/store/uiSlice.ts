import type { StateCreator } from 'zustand/vanilla';
import type { Language } from '../i18n';
import type { AppState } from './appStore';

export interface UiSlice {
  language: Language;
  setLanguage(lang: Language): void;
}

export const createUiSlice = (language: Language): StateCreator<AppState, [], [], UiSlice> => (set) => ({
  language,
  setLanguage: (next) => set({ language: next }),
});
