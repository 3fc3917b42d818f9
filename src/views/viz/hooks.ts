import { useEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import type { BlockWish, ProbeChannel, ProbeKind } from '../../paint/probeChannel';
import { useServices } from '../AppContext';

export function useProbeChannel(): ProbeChannel {
  return useServices().run.probes;
}

/** Asks the worker for a kind of probe while `on` (the panel is open). */
export function useWantProbe(kind: ProbeKind, on: boolean): void {
  const channel = useProbeChannel();
  useEffect(() => (on ? channel.want(kind) : undefined), [channel, kind, on]);
}

/**
 * Asks the worker for the activations of `ids` only, while `on`. A changed list (the strip panned) is sent
 * after `settleMs` without a further change, so a pan along a long network sends one config, not one per
 * block crossing the edge.
 */
export function useWantBlocks(ids: readonly string[], on: boolean, settleMs = 0): void {
  const channel = useProbeChannel();
  const wish = useRef<BlockWish | null>(null);
  const latest = useRef(ids);
  latest.current = ids;
  useEffect(() => {
    if (!on) return undefined;
    const w = channel.wantBlocks(latest.current);
    wish.current = w;
    return () => {
      w.release();
      wish.current = null;
    };
  }, [channel, on]);
  const key = ids.join('\n');
  useEffect(() => {
    const send = () => wish.current?.set(latest.current);
    if (settleMs <= 0) return send();
    const timer = setTimeout(send, settleMs);
    return () => clearTimeout(timer);
  }, [key, on, settleMs]);
}

/**
 * A primitive derived from the latest snapshot, re-rendering only when it changes (not on every
 * snapshot): `derive` must return a string, number, boolean or null.
 */
export function useProbeValue<T extends string | number | boolean | null>(derive: (channel: ProbeChannel) => T): T {
  const channel = useProbeChannel();
  return useSyncExternalStore(channel.subscribe, () => derive(channel));
}

/**
 * Whether the element is on screen (within `margin` of the viewport). Views ask the worker for probes only
 * while they can be seen: maps, filters and saliency scrolled out of sight cost the training nothing.
 * True where IntersectionObserver is missing.
 */
export function useOnScreen(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setOnScreen(last.isIntersecting);
    }, { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin]);
  return onScreen;
}
