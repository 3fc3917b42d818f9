// Trained weights (TensorFlow.js names and layouts) -> a PyTorch state_dict for the Net of model.py, as a
// safetensors file. Conv kernels go from HWIO [kh, kw, in, out] to OIHW [out, in, kh, kw], dense kernels
// from [in, out] to [out, in]; batch norm's gamma / beta / moving statistics become weight / bias /
// running_mean / running_var (plus the num_batches_tracked counter PyTorch keeps). The flatten order needs
// no reshuffle: model.py flattens in the playground's (H, W, C) order.
import { blockModuleOf } from '../blocks/registry';
import type { ModelSpec } from '../model/spec';
import { pythonBlockNames } from './pythonNames';
import { writeSafetensors, type SafeTensor } from './safetensors';
import { countValues, transpose, weightsByBlock, type NamedTensor, type WeightList } from './weights';

export class WeightsMismatchError extends Error {
  constructor(readonly detail: string) {
    super(`The weights do not match the network: ${detail}`);
    this.name = 'WeightsMismatchError';
  }
}

function convert(w: NamedTensor, perm: readonly number[] | undefined): { shape: number[]; values: Float32Array } {
  return perm === undefined ? { shape: [...w.shape], values: w.values } : transpose(w.values, w.shape, perm);
}

/** The state_dict as a list of tensors, in the spec's block order. Every weight must be used exactly once. */
export function pytorchStateDict(spec: ModelSpec, weights: WeightList): SafeTensor[] {
  const names = pythonBlockNames(spec);
  const byBlock = weightsByBlock(weights);
  const out: SafeTensor[] = [];
  let used = 0;
  for (const block of spec.blocks) {
    // Each kind says how its TensorFlow.js weights become PyTorch's (src/blocks/<kind>.ts).
    const torch = blockModuleOf(block.kind)?.pytorch;
    const parts = torch?.weights;
    const found = byBlock.get(block.id);
    if (parts === undefined || found === undefined) continue;
    const module = names.get(block.id) as string;
    for (const [part, w] of found) {
      const target = parts[part];
      if (target === undefined) throw new WeightsMismatchError(`unexpected weight ${w.name}`);
      if (w.values.length !== countValues(w.shape)) throw new WeightsMismatchError(`${w.name} has ${w.values.length} values for shape [${w.shape.join(', ')}]`);
      const { shape, values } = convert(w, target.perm);
      out.push({ name: `${module}.${target.key}`, dtype: 'F32', shape, values });
      used++;
    }
    for (const b of torch?.buffers ?? []) out.push({ name: `${module}.${b.key}`, dtype: b.dtype, shape: [], values: [b.value] });
  }
  if (used !== weights.length) throw new WeightsMismatchError(`${weights.length - used} weights belong to no block of the network`);
  return out;
}

export function pytorchWeightsFile(spec: ModelSpec, weights: WeightList): Uint8Array {
  return writeSafetensors(pytorchStateDict(spec, weights), { format: 'pt', source: 'CNN Playground' });
}
