// ModelSpec -> a readable PyTorch model.py (an nn.Module). Tensors are NCHW in PyTorch, NHWC here, so:
// concat joins dim 1, global pools reduce dims (2, 3), and flatten first moves channels last so that the
// dense layer after it sees the values in the order it was trained on here (H, W, C). TensorFlow's 'same'
// padding may put one more row after than before; PyTorch pads symmetrically, so such a block gets an
// explicit pad module (zeros for conv, -inf for max pooling, an exclude-padding average for avg pooling).
import { moduleOf } from '../blocks/registry';
import type { ModelAnalysis } from '../model/analysis';
import type { DataShape, ModelSpec } from '../model/spec';
import { DEFAULT_TASK } from '../tasks/registry';
import { pyDocText, pythonBlockNames } from './pythonNames';
import { PY_WEIGHTS_LOADER } from './pythonWeightsLoader';

export interface PytorchModelOptions {
  /** A line naming where the network comes from, e.g. the project name. */
  readonly title?: string;
}

/** The text of model.py. Throws when the spec has errors (the caller offers export only for valid networks). */
export function pytorchModelPy(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, opts: PytorchModelOptions = {}): string {
  if (!analysis.valid) throw new Error('pytorchModelPy: the network has errors');
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const names = pythonBlockNames(spec);
  const modules: string[] = [];
  const forward: string[] = [];
  const helpers = new Set<string>();
  const task = DEFAULT_TASK;
  let predict = task.pytorch.predict;
  let output = 'x';
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    const name = names.get(a.id) as string;
    if (block === undefined) continue;
    // Each kind writes its own module and forward lines (src/blocks/<kind>.ts).
    const kind = moduleOf(block.kind);
    const inShape = shapes.get(block.inputs[0] as string) ?? [];
    const code = kind.pytorch.emit({ block, analysis: a, name, xs: block.inputs.map((i) => names.get(i) as string), inShape, data });
    modules.push(...code.modules);
    forward.push(...code.forward);
    for (const helper of code.helpers ?? []) helpers.add(helper);
    if (kind.role === 'output') [output, predict] = [name, kind.pytorch.predict ?? predict];
  }
  const [h, w, ch] = data.inputShape;
  const inputNote = data.inputShape.length === 3 ? `(N, ${ch}, ${h}, ${w})` : `(N, ${data.inputShape.join(', ')})`;
  return `"""${pyDocText(opts.title ?? 'A network')} from CNN Playground, as a PyTorch nn.Module.

Input: float images ${inputNote} (channels first), pixel values in [0, 1].
Output: one logit per class (${data.numClasses}); softmax is part of nn.CrossEntropyLoss, or use predict_proba.
Parameters: ${analysis.totals.trainable} trainable, plus ${analysis.totals.nonTrainable} batch-norm running statistics.
Load the trained weights with load_weights(model, "weights.safetensors").
"""
import json
import struct

import torch
import torch.nn.functional as F
from torch import nn

INPUT_SHAPE = (${data.inputShape.length === 3 ? `${ch}, ${h}, ${w}` : `${data.inputShape.join(', ')},`})
NUM_CLASSES = ${data.numClasses}
${[...helpers].join('')}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
${modules.map((m) => `        ${m}`).join('\n') || '        pass'}

    def forward(self, x):
${forward.map((l) => `        ${l}`).join('\n')}
        return ${output}

    def predict_proba(self, x):
        ${predict}
${PY_WEIGHTS_LOADER}`;
}
