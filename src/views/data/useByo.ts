// The panel's view of a ByoSession (src/data/byo/session.ts): the session decides what is current, this hook
// re-renders on its changes and derives the memory estimate. Decoding runs on the page with createImageBitmap,
// yielding between images, so the page stays responsive.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { TooLargeError, type BuiltDataset } from '../../data/byo/build';
import { createDecoder } from '../../data/byo/decode';
import { estimateMemory, largestSafeSize, PlanError, type MemoryEstimate } from '../../data/byo/plan';
import { createByoSession } from '../../data/byo/session';
import { ZipError } from '../../data/byo/zip';

/** A problem to show: an i18n key (namespace included) and its values. */
export interface ByoMessage {
  readonly key: string;
  readonly values?: Record<string, string | number>;
}

export function messageOf(err: unknown): ByoMessage {
  if (err instanceof PlanError) return { key: `data:byo.plan.${err.code}`, values: err.values };
  if (err instanceof ZipError) return { key: `inputs:zip.${err.code}`, values: err.values };
  if (err instanceof TooLargeError) return { key: 'data:byo.tooLarge' };
  const message = err instanceof Error ? err.message : String(err);
  return { key: 'data:byo.error', values: { message } };
}

export function useByo(onBuilt: (result: BuiltDataset, name: string) => void) {
  const onBuiltRef = useRef(onBuilt);
  useEffect(() => {
    onBuiltRef.current = onBuilt;
  }, [onBuilt]);
  const [session] = useState(() => createByoSession({
    createDecoder: yieldingDecoder,
    onBuilt: (result, name) => onBuiltRef.current(result, name),
  }));
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { plan, size, channels } = state;
  const images = plan ? plan.train.length + plan.test.length : 0;
  const memory: MemoryEstimate | null = useMemo(() => (plan ? estimateMemory(images, size, channels) : null), [plan, images, size, channels]);
  const fits = plan ? largestSafeSize(images, channels) : null;
  const build = useCallback(async () => {
    if (memory?.safe) await session.build();
  }, [memory, session]);
  return { ...state, memory, fits, choose: session.choose, setSize: session.setSize, setChannels: session.setChannels, build };
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
