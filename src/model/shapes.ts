// Output shape, parameter count and arithmetic of one block, given the shapes that flow into it: each
// kind's rule lives in its module (src/blocks/), read through the registry. Keras conventions throughout
// (channels-last, conv params = kh*kw*inC*filters + bias, batch norm's moving statistics non-trainable),
// so the tfjs model built from the same spec agrees with every number shown here. Values are checked at
// run time because a spec may come from a link: nothing here throws, problems come back as issues.
import { blockModuleOf } from '../blocks/registry';
import type { BlockResult } from '../blocks/types';
import { countElements, makeIssue, SIZE_LIMIT } from './issues';
import { failed } from './windows';
import type { BlockSpec, DataShape, Shape } from './spec';

export type { BlockResult };
export { ACTIVATION_FNS, INIT_NAMES } from '../blocks/common/options';

/** `inputs` are the shapes flowing in, in the block's input order (empty for the input block). */
export function inferBlock(block: BlockSpec, inputs: readonly Shape[], data: DataShape): BlockResult {
  const module = blockModuleOf(block.kind);
  if (module === undefined) return failed([]);
  if (module.arity !== 'none' && inputs[0] === undefined) return failed([]);
  return limitSize(block.id, module.infer(block, inputs, data));
}

/** Refuse tensors and weight counts no browser could hold (also catches 1e12-sized garbage). */
function limitSize(blockId: string, result: BlockResult): BlockResult {
  if (result.shape === null) return result;
  const elements = countElements(result.shape);
  if (elements > SIZE_LIMIT) {
    return failed([...result.issues, makeIssue('tooLarge', blockId, { elements, limit: SIZE_LIMIT })], result.arithmetic);
  }
  const params = result.params.trainable + result.params.nonTrainable;
  if (params > SIZE_LIMIT) {
    return failed([...result.issues, makeIssue('tooManyParams', blockId, { params, limit: SIZE_LIMIT })], result.arithmetic);
  }
  return result;
}
