// Which probe snapshot the boxes view may draw. The worker answers a newly chosen image a little later
// (at the next step, or through the run's final weights once it has ended), so until then the latest
// snapshot is the previous image's: drawing it under the new number would show a stale result as current.
import type { ProbeConfig, ProbeSnapshot } from '../../train/api/probeTypes';

export type Shown =
  | { readonly kind: 'none' }
  | { readonly kind: 'pending'; readonly index: number }
  | { readonly kind: 'ready'; readonly snapshot: ProbeSnapshot };

/** `expected`: the grid's length (rows × cols × cell size); a snapshot of another network is not drawn. */
export function shownSnapshot(latest: ProbeSnapshot | null, config: ProbeConfig, expected: number): Shown {
  if (!latest || latest.probabilities.length !== expected) return { kind: 'none' };
  const chosen = config.input;
  if (chosen.kind === 'test' && latest.input.index !== chosen.index) return { kind: 'pending', index: chosen.index };
  // A drawn image has no number; a snapshot of a test image is not its answer.
  if (chosen.kind === 'pixels' && latest.input.index !== undefined) return { kind: 'none' };
  return { kind: 'ready', snapshot: latest };
}

/** A string that changes whenever what is shown changes (a new snapshot, another image, pending or not). */
export function shownStamp(shown: Shown): string | null {
  if (shown.kind === 'none') return null;
  if (shown.kind === 'pending') return `pending ${shown.index}`;
  return `${shown.snapshot.step} ${shown.snapshot.input.index ?? 'drawn'} ${shown.snapshot.input.values[0]}`;
}
