// The playground's per-block training modes (model/blockTraining.ts) in the generated Python (train.py and
// the notebook): module name -> learning-rate multiplier, 0 for a frozen block, and the helpers that apply it.
import { lrMultiplierOf } from '../model/blockTraining';
import type { ModelSpec } from '../model/spec';
import { pyFloat, pyString, pythonBlockNames } from './pythonNames';

/** The spec's per-block training modes (model/blockTraining.ts) by the Python names model.py gives the blocks. */
export function blockTrainingByModule(spec: ModelSpec): Map<string, number> {
  const names = pythonBlockNames(spec);
  const out = new Map<string, number>();
  for (const block of spec.blocks) {
    const m = lrMultiplierOf(spec, block.id);
    const name = names.get(block.id);
    if (m !== 1 && name !== undefined) out.set(name, m);
  }
  return out;
}

export function blockTrainingLiteral(training: ReadonlyMap<string, number>): string {
  return `{${[...training].map(([name, m]) => `${pyString(name)}: ${pyFloat(m)}`).join(', ')}}`;
}

// A block's parameters are those of its module (self.<name>) and of helper modules named <name>_<part>.
export const BLOCK_TRAINING_FUNCTIONS = `def block_multiplier(parameter_name):
    module = parameter_name.split(".")[0]
    if module in BLOCK_TRAINING:
        return BLOCK_TRAINING[module]
    owners = [name for name in BLOCK_TRAINING if module.startswith(name + "_")]
    return BLOCK_TRAINING[max(owners, key=len)] if owners else 1.0


def freeze_blocks(model):
    """Frozen blocks (multiplier 0) keep their weights: no gradient, no optimizer state."""
    for name, p in model.named_parameters():
        if block_multiplier(name) == 0:
            p.requires_grad_(False)


def parameter_groups(model, lr, weight_decay):
    """One group per (multiplier, decayed or not); "lr_scale" keeps the multiplier through the schedule."""
    by_key = {}
    for pname, p in model.named_parameters():
        if p.requires_grad:
            by_key.setdefault((block_multiplier(pname), p.dim() > 1), []).append(p)
    return [{"params": ps, "weight_decay": weight_decay if decayed else 0.0, "lr": lr * scale, "lr_scale": scale}
            for (scale, decayed), ps in by_key.items()]`;
