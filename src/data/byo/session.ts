// Bring your own images, the state machine behind the panel: files chosen -> planned (names only, instant) ->
// built (decoded). No React here, so the order of events can be tested in Node. The latest choice always wins:
// a slow read (a big zip) that finishes after a later, quicker one is dropped, never shown as current.
import { buildDataset, planSources, type BuiltDataset } from './build';
import type { Decoder } from './decode';
import type { FolderPlan } from './plan';
import type { SourceFile } from './sources';

export type ByoStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'planned' }
  | { readonly kind: 'building'; readonly done: number; readonly total: number }
  | { readonly kind: 'built'; readonly result: BuiltDataset }
  | { readonly kind: 'error'; readonly error: unknown };

export interface ByoState {
  readonly files: { readonly name: string; readonly list: readonly SourceFile[] } | null;
  readonly plan: FolderPlan | null;
  readonly status: ByoStatus;
  readonly size: number;
  readonly channels: 1 | 3;
}

export interface ByoSession {
  getState(): ByoState;
  subscribe(listener: () => void): () => void;
  /** Reads and plans a new set of files; any earlier read or build still under way is abandoned. */
  choose(name: string, read: () => Promise<readonly SourceFile[]>): Promise<void>;
  setSize(size: number): void;
  setChannels(channels: 1 | 3): void;
  /** Decodes the planned files; `onBuilt` hears of the result only if nothing newer was chosen meanwhile. */
  build(): Promise<void>;
}

export interface ByoSessionOptions {
  readonly createDecoder: (size: number, channels: 1 | 3) => Decoder;
  readonly onBuilt: (result: BuiltDataset, name: string) => void;
}

export function createByoSession(opts: ByoSessionOptions): ByoSession {
  let state: ByoState = { files: null, plan: null, status: { kind: 'idle' }, size: 32, channels: 3 };
  const listeners = new Set<() => void>();
  let generation = 0;
  let abort: AbortController | null = null;
  const set = (patch: Partial<ByoState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  /** Starts a new piece of work, abandoning the one before; returns a check that it is still the latest. */
  const begin = () => {
    abort?.abort();
    abort = new AbortController();
    const mine = ++generation;
    return { signal: abort.signal, current: () => mine === generation };
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async choose(name, read) {
      const work = begin();
      set({ files: null, plan: null, status: { kind: 'reading' } });
      try {
        const list = await read();
        if (!work.current()) return;
        set({ files: { name, list }, plan: planSources(list), status: { kind: 'planned' } });
      } catch (error) {
        if (work.current()) set({ status: { kind: 'error', error } });
      }
    },
    setSize: (size) => set({ size }),
    setChannels: (channels) => set({ channels }),
    async build() {
      const { files, plan, size, channels } = state;
      if (!files || !plan) return;
      const work = begin();
      const total = plan.train.length + plan.test.length;
      set({ status: { kind: 'building', done: 0, total } });
      let shown = 0;
      try {
        const result = await buildDataset(files.list, opts.createDecoder(size, channels), {
          size, channels, name: files.name, signal: work.signal,
          onProgress: (done, all) => {
            // A state update per image would re-render thousands of times; every 1% is plenty.
            if (work.current() && (done === all || done - shown >= Math.max(1, all / 100))) {
              shown = done;
              set({ status: { kind: 'building', done, total: all } });
            }
          },
        });
        if (!work.current()) return;
        set({ status: { kind: 'built', result } });
        opts.onBuilt(result, files.name);
      } catch (error) {
        if (work.current()) set({ status: { kind: 'error', error } });
      }
    },
  };
}
