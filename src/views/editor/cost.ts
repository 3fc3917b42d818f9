// On-demand costs of a block as the canvas words them, from the core's measureModel: FLOPs counted as two
// per multiply-add (one multiply, one add), activation memory per example, and the receptive field.
import type { BlockCost } from '../../model/cost';
import { flopsOf } from '../../model/units';

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
    flops: flopsOf(cost.macs),
    bytes: cost.bytes,
    receptiveField: rf === null ? null : `${rf.size[0]}×${rf.size[1]}`,
    wholeInput: rf?.wholeInput ?? false,
  };
}
