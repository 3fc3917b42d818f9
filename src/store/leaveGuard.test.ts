import { describe, expect, it } from 'vitest';
import { createAppStore } from './appStore';
import { guardLeaving } from './leaveGuard';

function fakeWindow() {
  const listeners = new Map<string, (e: Event) => void>();
  return {
    listeners,
    addEventListener: (type: string, l: (e: Event) => void) => void listeners.set(type, l),
    removeEventListener: (type: string) => void listeners.delete(type),
  } as unknown as Window & { listeners: Map<string, (e: Event) => void> };
}

const leave = (w: { listeners: Map<string, (e: Event) => void> }) => {
  const event = { defaultPrevented: false, returnValue: undefined as unknown, preventDefault() { this.defaultPrevented = true; } };
  w.listeners.get('beforeunload')?.(event as unknown as Event);
  return event.defaultPrevented;
};

describe('guardLeaving', () => {
  it('asks before leaving only while a run is going or paused', () => {
    const store = createAppStore({ language: 'en' });
    const w = fakeWindow();
    const off = guardLeaving(store, w);
    expect(leave(w)).toBe(false);
    store.getState().runStarted(1);
    expect(leave(w)).toBe(true);
    store.getState().setPhase('paused');
    expect(leave(w)).toBe(true);
    store.getState().setPhase('done');
    expect(leave(w)).toBe(false);
    off();
    expect(w.listeners.size).toBe(0);
  });
});
