// Trained weights (TensorFlow.js names and layouts) -> a PyTorch state_dict for the Net of model.py, as a
// safetensors file. Conv kernels go from HWIO [kh, kw, in, out] to OIHW [out, in, kh, kw], dense kernels
// from [in, out] to [out, in]; batch norm's gamma / beta / moving statistics become weight / bias /
// running_mean / running_var (plus the num_batches_tracked counter PyTorch keeps). The flatten order needs
// no reshuffle: model.py flattens in the playground's (H, W, C) order.
import type { ModelSpec } from '../model/spec';
import { pythonNames } from './pythonNames';
import { writeSafetensors, type SafeTensor } from './safetensors';
import { countValues, transpose, weightsByBlock, type NamedTensor, type WeightList } from './weights';

const PARTS: Record<string, Readonly<Record<string, string>>> = {
  conv2d: { kernel: 'weight', bias: 'bias' },
  dense: { kernel: 'weight', bias: 'bias' },
  softmax: { kernel: 'weight', bias: 'bias' },
  batchnorm: { gamma: 'weight', beta: 'bias', moving_mean: 'running_mean', moving_variance: 'running_var' },
};

export class WeightsMismatchError extends Error {
  constructor(readonly detail: string) {
    super(`The weights do not match the network: ${detail}`);
    this.name = 'WeightsMismatchError';
  }
}

function convert(kind: string, part: string, w: NamedTensor): { shape: number[]; values: Float32Array } {
  if (part === 'kernel' && kind === 'conv2d') return transpose(w.values, w.shape, [3, 2, 0, 1]);
  if (part === 'kernel') return transpose(w.values, w.shape, [1, 0]);
  return { shape: [...w.shape], values: w.values };
}

/** The state_dict as a list of tensors, in the spec's block order. Every weight must be used exactly once. */
export function pytorchStateDict(spec: ModelSpec, weights: WeightList): SafeTensor[] {
  const names = pythonNames(spec.blocks.map((b) => b.id));
  const byBlock = weightsByBlock(weights);
  const out: SafeTensor[] = [];
  let used = 0;
  for (const block of spec.blocks) {
    const parts = PARTS[block.kind];
    const found = byBlock.get(block.id);
    if (parts === undefined || found === undefined) continue;
    const module = names.get(block.id) as string;
    for (const [part, w] of found) {
      const key = parts[part];
      if (key === undefined) throw new WeightsMismatchError(`unexpected weight ${w.name}`);
      if (w.values.length !== countValues(w.shape)) throw new WeightsMismatchError(`${w.name} has ${w.values.length} values for shape [${w.shape.join(', ')}]`);
      const { shape, values } = convert(block.kind, part, w);
      out.push({ name: `${module}.${key}`, dtype: 'F32', shape, values });
      used++;
    }
    if (block.kind === 'batchnorm') out.push({ name: `${module}.num_batches_tracked`, dtype: 'I64', shape: [], values: [0] });
  }
  if (used !== weights.length) throw new WeightsMismatchError(`${weights.length - used} weights belong to no block of the network`);
  return out;
}

export function pytorchWeightsFile(spec: ModelSpec, weights: WeightList): Uint8Array {
  return writeSafetensors(pytorchStateDict(spec, weights), { format: 'pt', source: 'CNN Playground' });
}
