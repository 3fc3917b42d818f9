import { describe, expect, it, vi } from 'vitest';
import type { RegisterSWOptions } from 'vite-plugin-pwa/types';
import { createUpdates } from './updates';

/** vite-plugin-pwa's registerSW, played by the test: it keeps the hooks and counts skip-waiting requests. */
function fakeRegister() {
  const fake = { hooks: {} as RegisterSWOptions, skipWaiting: 0 };
  const register = (options: RegisterSWOptions) => {
    fake.hooks = options;
    return async () => void (fake.skipWaiting += 1);
  };
  return { fake, register };
}

describe('updates', () => {
  it('says a new version is ready and reloads only when asked, after it has taken over', () => {
    const reload = vi.fn();
    const updates = createUpdates(reload);
    const { fake, register } = fakeRegister();
    const seen: string[] = [];
    updates.subscribe(() => seen.push(updates.state()));
    updates.start(register);
    expect(updates.state()).toBe('none');
    fake.hooks.onNeedRefresh?.();
    expect(seen).toEqual(['ready']);
    expect(reload).not.toHaveBeenCalled();
    updates.apply();
    expect(fake.skipWaiting).toBe(1);
    expect(reload).not.toHaveBeenCalled(); // not before the new version controls the page
    fake.hooks.onNeedReload?.();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads by itself when another tab let the new version take over', () => {
    const reload = vi.fn();
    const updates = createUpdates(reload);
    const { fake, register } = fakeRegister();
    updates.start(register);
    fake.hooks.onNeedReload?.();
    expect(reload).not.toHaveBeenCalled();
    expect(updates.state()).toBe('active');
    updates.apply();
    expect(reload).toHaveBeenCalledTimes(1);
    expect(fake.skipWaiting).toBe(0);
  });
});
