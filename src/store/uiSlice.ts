import type { StateCreator } from 'zustand/vanilla';
import type { Language } from '../i18n';
import type { AppState } from './appStore';

export interface UiSlice {
  language: Language;
  setLanguage(lang: Language): void;
  /**
   * Fields whose text is not a valid value (key -> the name shown to the user, e.g. "Batch size" or
   * "conv1 · Kernel"). The store then holds a different value than the one shown, so Train waits for them.
   */
  invalidFields: Readonly<Record<string, string>>;
  /** `name`: the field's name while its text is invalid; null once it is valid (or gone from the screen). */
  setFieldInvalid(key: string, name: string | null): void;
}

export const createUiSlice = (language: Language): StateCreator<AppState, [], [], UiSlice> => (set) => ({
  language,
  setLanguage: (next) => set({ language: next }),
  invalidFields: {},
  setFieldInvalid: (key, name) => set((s) => {
    if ((s.invalidFields[key] ?? null) === name) return s;
    const next = { ...s.invalidFields };
    if (name === null) delete next[key];
    else next[key] = name;
    return { invalidFields: next };
  }),
});
