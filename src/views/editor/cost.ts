// On-demand costs of a block as the canvas words them, from the core's measureModel: FLOPs counted as two
// per multiply-add (one multiply, one add), activation memory per example, and the receptive field.
import type { BlockCost } from '../../model/cost';

export interface CostText {
  readonly macs: number;
  readonly flops: number;
  readonly bytes: number;
  /** "5×5", or null when the block has no spatial extent to speak of. */
  readonly receptiveField: string | null;
  readonly wholeInput: boolean;
}

export function costText(cost: BlockCost): CostText {
  const rf = cost.receptiveField;
  return {
    macs: cost.macs,
    flops: 2 * cost.macs,
    bytes: cost.bytes,
    receptiveField: rf === null ? null : `${rf.size[0]}×${rf.size[1]}`,
    wholeInput: rf?.wholeInput ?? false,
  };
}

/** 3136 -> "3.1 kB": memory reads best in the unit that fits. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits })} ${units[unit]}`;
}
