// The state of "bring your own images": files chosen -> planned (names only, instant) -> built (decoded).
// Decoding runs on the page with createImageBitmap, yielding between images, so the page stays responsive.
import { useCallback, useMemo, useRef, useState } from 'react';
import { buildDataset, planSources, TooLargeError, type BuiltDataset } from '../../data/byo/build';
import { createDecoder } from '../../data/byo/decode';
import { estimateMemory, largestSafeSize, PlanError, type FolderPlan, type MemoryEstimate } from '../../data/byo/plan';
import type { SourceFile } from '../../data/byo/sources';

/** A problem to show: an i18n key of the 'data' namespace and its values. */
export interface ByoMessage {
  readonly key: string;
  readonly values?: Record<string, string | number>;
}

export type ByoStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'planned' }
  | { readonly kind: 'building'; readonly done: number; readonly total: number }
  | { readonly kind: 'built'; readonly result: BuiltDataset }
  | { readonly kind: 'error'; readonly message: ByoMessage };

export function messageOf(err: unknown): ByoMessage {
  if (err instanceof PlanError) return { key: `byo.plan.${err.code}`, values: err.values };
  const message = err instanceof Error ? err.message : String(err);
  return { key: 'byo.error', values: { message } };
}

export function useByo(onBuilt: (result: BuiltDataset, name: string) => void) {
  const [files, setFiles] = useState<{ name: string; list: readonly SourceFile[] } | null>(null);
  const [plan, setPlan] = useState<FolderPlan | null>(null);
  const [status, setStatus] = useState<ByoStatus>({ kind: 'idle' });
  const [size, setSize] = useState(32);
  const [channels, setChannels] = useState<1 | 3>(3);
  const abort = useRef<AbortController | null>(null);

  const choose = useCallback(async (name: string, read: () => Promise<readonly SourceFile[]>) => {
    abort.current?.abort();
    setPlan(null);
    setStatus({ kind: 'reading' });
    try {
      const list = await read();
      setFiles({ name, list });
      setPlan(planSources(list));
      setStatus({ kind: 'planned' });
    } catch (err) {
      setStatus({ kind: 'error', message: messageOf(err) });
    }
  }, []);

  const images = plan ? plan.train.length + plan.test.length : 0;
  const memory: MemoryEstimate | null = useMemo(() => (plan ? estimateMemory(images, size, channels) : null), [plan, images, size, channels]);
  const fits = plan ? largestSafeSize(images, channels) : null;

  const build = useCallback(async () => {
    if (!files || !memory?.safe) return;
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ kind: 'building', done: 0, total: images });
    let shown = 0;
    try {
      const result = await buildDataset(files.list, yieldingDecoder(size, channels), {
        size, channels, name: files.name, signal: controller.signal,
        onProgress: (done, total) => {
          // A state update per image would re-render thousands of times; every 1% is plenty.
          if (done === total || done - shown >= Math.max(1, total / 100)) {
            shown = done;
            setStatus({ kind: 'building', done, total });
          }
        },
      });
      if (controller.signal.aborted) return;
      setStatus({ kind: 'built', result });
      onBuilt(result, files.name);
    } catch (err) {
      if (controller.signal.aborted) return;
      const message = err instanceof TooLargeError ? { key: 'byo.tooLarge' } : messageOf(err);
      setStatus({ kind: 'error', message });
    }
  }, [files, memory, images, size, channels, onBuilt]);

  return { files, plan, status, size, setSize, channels, setChannels, memory, fits, choose, build };
}

/** The browser decoder, giving the event loop a turn every few images so clicks and paints get through. */
function yieldingDecoder(size: number, channels: 1 | 3) {
  const inner = createDecoder(size, channels);
  let count = 0;
  return {
    async decode(blob: Blob) {
      if (++count % 16 === 0) await new Promise((r) => setTimeout(r, 0));
      return inner.decode(blob);
    },
  };
}
