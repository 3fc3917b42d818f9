// What 'auto' measured in this browser, kept across visits: timing the candidate backends takes seconds on a
// GPU laptop, and would stand between a student and the first step on every visit. Kept in localStorage (the
// page's, so the client sends it to the worker, which has none); the worker retakes a measurement that no
// longer fits the GPU it finds (backend.ts).
import { z } from 'zod';
import type { BackendInfo, RememberedBackend } from './protocol';

const KEY = 'cnnp.backend.measured';
const NAME = z.enum(['webgpu', 'webgl', 'wasm', 'cpu']);
const REMEMBERED = z.object({
  name: NAME,
  measuredMs: z.partialRecord(NAME, z.number().finite().nonnegative()),
  renderer: z.string().max(500).optional(),
  adapter: z.string().max(500).optional(),
});

export interface BackendMemory {
  /** The measurement of an earlier visit, or undefined (none, unreadable, or storage switched off). */
  load(): RememberedBackend | undefined;
  /** Keeps a backend 'auto' measured (one that carries timings); any other is ignored. */
  save(info: BackendInfo): void;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/** A memory in `storage` (the page's localStorage by default); without storage it remembers nothing. */
export function storedBackendMemory(storage: () => KeyValueStore | null = () => globalThis.localStorage ?? null): BackendMemory {
  const at = (): KeyValueStore | null => {
    try {
      return storage();
    } catch {
      return null; // reading localStorage throws where storage is switched off
    }
  };
  return {
    load() {
      try {
        const parsed = REMEMBERED.safeParse(JSON.parse(at()?.getItem(KEY) ?? 'null'));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    save(info) {
      if (info.measuredMs === undefined || info.remembered === true) return;
      const kept: RememberedBackend = { name: info.name, measuredMs: info.measuredMs,
        ...(info.renderer === undefined ? {} : { renderer: info.renderer }), ...(info.adapter === undefined ? {} : { adapter: info.adapter }) };
      try {
        at()?.setItem(KEY, JSON.stringify(kept));
      } catch {
        // full or switched off: the next visit measures again
      }
    },
  };
}
