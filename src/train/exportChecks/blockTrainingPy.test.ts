// The per-block training modes in the generated Python (train.py and the notebook share the helpers), run
// under python3-torch: a frozen block's parameters take no gradient and join no group; a block with its own
// multiplier gets its own groups at lr * m, decayed kernels apart from biases; the notebook's training cell
// carries them and keeps the multiplier through the schedule.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingCode } from '../../codegen/notebookCode';
import { BLOCK_TRAINING_FUNCTIONS, blockTrainingByModule, blockTrainingLiteral } from '../../codegen/pythonBlockTraining';
import type { ModelSpec } from '../../model/spec';
import { runPython, tempDir } from './pythonHarness';

const spec: ModelSpec = {
  blocks: [
    { id: 'in', kind: 'input', inputs: [] },
    { id: 'conv', kind: 'conv2d', inputs: ['in'], filters: 2, kernel: 3, stride: 1, padding: 'same' },
    { id: 'fl', kind: 'flatten', inputs: ['conv'] },
    { id: 'dense', kind: 'dense', inputs: ['fl'], units: 3 },
    { id: 'out', kind: 'softmax', inputs: ['dense'] },
  ],
  training: { conv: { mode: 'frozen' }, dense: { mode: 'scaled', lrMultiplier: 0.5 } },
};

const SCRIPT = (literal: string) => `import json
import torch
from torch import nn

BLOCK_TRAINING = ${literal}

${BLOCK_TRAINING_FUNCTIONS}


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_pad = nn.ZeroPad2d(1)
        self.conv = nn.Conv2d(1, 2, 3)
        self.dense = nn.Linear(4, 3)
        self.out = nn.Linear(3, 2)


net = Net()
freeze_blocks(net)
groups = parameter_groups(net, 0.1, 0.01)
print(json.dumps({
    "frozen": sorted(n for n, p in net.named_parameters() if not p.requires_grad),
    "groups": sorted([round(g["lr"], 9), g["weight_decay"], g["lr_scale"], sum(p.numel() for p in g["params"])] for g in groups),
}))
`;

describe('per-block training in the generated Python', () => {
  it('freezes and groups parameters by block as the app trains them', () => {
    const modules = blockTrainingByModule(spec);
    expect([...modules]).toEqual([['conv', 0], ['dense', 0.5]]);
    const dir = tempDir('cnnp-blocktraining-');
    writeFileSync(join(dir, 'groups.py'), SCRIPT(blockTrainingLiteral(modules)));
    const out = JSON.parse(runPython(['groups.py'], dir).trim()) as { frozen: string[]; groups: number[][] };
    expect(out.frozen).toEqual(['conv.bias', 'conv.weight']);
    // [lr, weight decay, multiplier, parameters]: dense's kernel and bias at 0.05, out's at 0.1.
    expect(out.groups).toEqual([[0.05, 0, 0.5, 3], [0.05, 0.01, 0.5, 12], [0.1, 0, 1, 2], [0.1, 0.01, 1, 6]]);
  });

  it('reaches the notebook\'s training cell, with the multiplier kept through the schedule', () => {
    const code = trainingCode('adam', blockTrainingByModule(spec));
    expect(code).toContain('BLOCK_TRAINING = {"conv": 0.0, "dense": 0.5}');
    expect(code).toContain('freeze_blocks(net)');
    expect(code).toMatch(/group\["lr"\] = LEARNING_RATE \* schedule_factor\(.*\) \* group\["lr_scale"\]/);
  });
});
