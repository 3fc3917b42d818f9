import { describe, expect, it } from 'vitest';
import { storedBackendMemory } from './backendMemory';
import type { BackendInfo } from './protocol';

function memoryStorage() {
  const items = new Map<string, string>();
  return { items, storage: { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } };
}

const measured: BackendInfo = { name: 'webgl', reason: 'auto: webgl fastest', renderer: 'ANGLE (NVIDIA)', adapter: 'nvidia ampere',
  measuredMs: { webgpu: 6, webgl: 4, wasm: 9 } };

describe('storedBackendMemory', () => {
  it('keeps the backend auto measured, with its timings and GPU, for the next visit', () => {
    const { storage } = memoryStorage();
    expect(storedBackendMemory(() => storage).load()).toBeUndefined();
    storedBackendMemory(() => storage).save(measured);
    expect(storedBackendMemory(() => storage).load()).toEqual({ name: 'webgl', measuredMs: { webgpu: 6, webgl: 4, wasm: 9 },
      renderer: 'ANGLE (NVIDIA)', adapter: 'nvidia ampere' });
  });

  it('keeps nothing for a backend that was not measured, nor for one it was told', () => {
    const { storage, items } = memoryStorage();
    const memory = storedBackendMemory(() => storage);
    memory.save({ name: 'wasm', reason: 'auto: software GPU renderer' });
    memory.save({ ...measured, remembered: true });
    expect(items.size).toBe(0);
  });

  it('forgets what it cannot read, and never throws where storage is switched off or full', () => {
    const { storage, items } = memoryStorage();
    for (const bad of ['not json', '{"name":"tpu","measuredMs":{}}', '{"name":"wasm","measuredMs":{"wasm":-1}}', 'null']) {
      items.set('cnnp.backend.measured', bad);
      expect(storedBackendMemory(() => storage).load()).toBeUndefined();
    }
    const off = storedBackendMemory(() => {
      throw new Error('SecurityError');
    });
    expect(off.load()).toBeUndefined();
    expect(() => off.save(measured)).not.toThrow();
    const full = storedBackendMemory(() => ({ getItem: () => null, setItem: () => {
      throw new Error('QuotaExceededError');
    } }));
    expect(() => full.save(measured)).not.toThrow();
  });
});
