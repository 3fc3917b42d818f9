import type { BlockSpec, Padding, Size2 } from '../model/spec';

const pad = (p: Padding): string => (typeof p === 'number' ? `p${p}` : p);
const size = (s: Size2): string => (typeof s === 'number' ? `${s}×${s}` : `${s[0]}×${s[1]}`);
const stride = (s: Size2): string => (typeof s === 'number' ? `s${s}` : `s${s[0]},${s[1]}`);

function convExtras(block: Extract<BlockSpec, { kind: 'conv2d' }>): string {
  const parts: string[] = [];
  const d = block.dilation ?? 1;
  if (d !== 1 && !(Array.isArray(d) && d[0] === 1 && d[1] === 1)) parts.push(`d${typeof d === 'number' ? d : d.join(',')}`);
  if (block.useBias === false) parts.push('no bias');
  if (block.activation !== undefined && block.activation !== 'linear') parts.push(block.activation);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
}

/** A compact, language-neutral summary of a block's settings, e.g. "6 @ 5×5, s1, p2". */
export function describeBlock(block: BlockSpec): string {
  switch (block.kind) {
    case 'conv2d':
      return `${block.filters} @ ${size(block.kernel)}, ${stride(block.stride)}, ${pad(block.padding)}${convExtras(block)}`;
    case 'maxpool2d':
    case 'avgpool2d':
      return `${size(block.size)}, ${stride(block.stride)}, ${pad(block.padding)}`;
    case 'activation':
      return block.alpha === undefined ? block.fn : `${block.fn} α=${block.alpha}`;
    case 'dense':
      return block.activation !== undefined && block.activation !== 'linear' ? `${block.units}, ${block.activation}` : `${block.units}`;
    case 'dropout':
      return `${block.rate}`;
    case 'input':
    case 'flatten':
    case 'softmax':
    case 'globalavgpool':
    case 'globalmaxpool':
    case 'batchnorm':
    case 'add':
    case 'concat':
      return '';
  }
}
