import { blockModuleOf } from '../blocks/registry';
import type { BlockSpec } from '../model/spec';

/** A compact, language-neutral summary of a block's settings, e.g. "6 @ 5×5, s1, p2" (its module's). */
export function describeBlock(block: BlockSpec): string {
  return blockModuleOf(block.kind)?.describe(block) ?? '';
}
