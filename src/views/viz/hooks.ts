import { useEffect, useSyncExternalStore } from 'react';
import type { ProbeChannel, ProbeKind } from '../../viz/probeChannel';
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
 * A primitive derived from the latest snapshot, re-rendering only when it changes (not on every
 * snapshot): `derive` must return a string, number, boolean or null.
 */
export function useProbeValue<T extends string | number | boolean | null>(derive: (channel: ProbeChannel) => T): T {
  const channel = useProbeChannel();
  return useSyncExternalStore(channel.subscribe, () => derive(channel));
}
