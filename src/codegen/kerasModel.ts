// ModelSpec -> a tf.keras model.py (functional API), layer for layer as the playground builds it in
// TensorFlow.js: explicit padding as ZeroPadding2D before a 'valid' conv / pool, a fused leaky ReLU as a
// LeakyReLU layer after, the classifier head as Dense + softmax. NHWC, as Keras is by default, so the
// TensorFlow.js export's weights fit it unchanged. Checked here by compiling it and comparing its layer
// list with the network's (no TensorFlow package on these machines), not by running it.
import { moduleOf } from '../blocks/registry';
import type { ModelAnalysis } from '../model/analysis';
import type { DataShape, ModelSpec } from '../model/spec';
import { DEFAULT_TASK } from '../tasks/registry';
import { pyDocText, pythonBlockNames } from './pythonNames';
import { refuseUnwritable } from './refused';

export { kerasLayerName } from '../blocks/common/python';

export function kerasModelPy(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, title = 'A network'): string {
  if (!analysis.valid) throw new Error('kerasModelPy: the network has errors');
  refuseUnwritable('keras', spec);
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const shapes = new Map(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const names = pythonBlockNames(spec);
  const task = DEFAULT_TASK;
  const body: string[] = [];
  let inputVar = 'inputs';
  let outputVar = 'inputs';
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    const v = names.get(a.id) as string;
    if (block === undefined) continue;
    // Each kind writes its own layers (src/blocks/<kind>.ts), named as the app's tfjs layers are.
    const kind = moduleOf(block.kind);
    const inShape = shapes.get(block.inputs[0] as string) ?? [];
    const lines = kind.keras.lines({ block, analysis: a, name: v, xs: block.inputs.map((i) => names.get(i) as string), inShape, data });
    for (const line of lines) body.push(`    ${line.variable} = ${line.layer}${line.input === null ? '' : `(${line.input})`}`);
    if (kind.role === 'input') inputVar = v;
    if (kind.role === 'output') outputVar = v;
  }
  return `"""${pyDocText(title)} from CNN Playground, as a tf.keras model (functional API).

Input: (N, ${data.inputShape.join(', ')}) images (channels last), pixel values in [0, 1]. ${data.numClasses} classes.
Parameters: ${analysis.totals.trainable} trainable, ${analysis.totals.nonTrainable} non-trainable.
The trained weights are in the TensorFlow.js export (model.json + model.weights.bin), which
tensorflowjs_converter turns into a Keras file; the layer names here match it.
"""
from tensorflow import keras
from tensorflow.keras import layers


def build_model():
${body.join('\n')}
    return keras.Model(${inputVar}, ${outputVar}, name="cnn_playground")


if __name__ == "__main__":
    model = build_model()
    model.compile(optimizer="adam", loss=${task.keras.loss}, metrics=${task.keras.metrics})
    model.summary()
`;
}
