// Progress is kept in the browser (localStorage) and survives a reload: a new store reads it back.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/appStore';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('lesson progress', () => {
  it('is saved on every change and read back by the next page load', () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    const first = createAppStore({ language: 'en' });
    first.getState().markStepDone('1:slide');
    first.getState().answerPrediction('2:stride', 0);
    const reloaded = createAppStore({ language: 'en' });
    expect(reloaded.getState().lessonDone).toEqual({ '1:slide': true });
    expect(reloaded.getState().lessonAnswers).toEqual({ '2:stride': 0 });
    reloaded.getState().resetLessonProgress();
    expect(createAppStore({ language: 'en' }).getState().lessonDone).toEqual({});
  });

  it('starts afresh from unreadable or tampered storage, keeping only well-formed entries', () => {
    vi.stubGlobal('localStorage', fakeStorage({ 'cnnp.lessons.v1': '{not json' }));
    expect(createAppStore({ language: 'en' }).getState().lessonDone).toEqual({});
    vi.stubGlobal('localStorage', fakeStorage({
      'cnnp.lessons.v1': '{"done":{"1:slide":true,"__proto__":true,"x y":true},"answers":{"2:stride":1,"2:pooling":"a"}}',
    }));
    const s = createAppStore({ language: 'en' }).getState();
    expect(s.lessonDone).toEqual({ '1:slide': true });
    expect(s.lessonAnswers).toEqual({ '2:stride': 1 });
  });

  it('keeps working for this visit when storage refuses writes', () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new Error('quota'); } });
    const store = createAppStore({ language: 'en' });
    store.getState().markStepDone('1:slide');
    expect(store.getState().lessonDone).toEqual({ '1:slide': true });
  });
});
