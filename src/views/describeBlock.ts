import type { BlockSpec, Padding } from '../model/spec';

const pad = (p: Padding): string => (typeof p === 'number' ? `p${p}` : p);

/** A compact, language-neutral summary of a block's settings, e.g. "6 @ 5×5, s1, p2". */
export function describeBlock(block: BlockSpec): string {
  switch (block.kind) {
    case 'conv2d':
      return `${block.filters} @ ${block.kernel}×${block.kernel}, s${block.stride}, ${pad(block.padding)}`;
    case 'maxpool2d':
    case 'avgpool2d':
      return `${block.size}×${block.size}, s${block.stride}, ${pad(block.padding)}`;
    case 'activation':
      return block.fn;
    case 'dense':
      return `${block.units}`;
    case 'input':
    case 'flatten':
    case 'softmax':
      return '';
  }
}
