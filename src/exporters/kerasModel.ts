// ModelSpec -> a tf.keras model.py (functional API), layer for layer as the playground builds it in
// TensorFlow.js: explicit padding as ZeroPadding2D before a 'valid' conv / pool, a fused leaky ReLU as a
// LeakyReLU layer after, the classifier head as Dense + softmax. NHWC, as Keras is by default, so the
// TensorFlow.js export's weights fit it unchanged. Checked here by compiling it and comparing its layer
// list with the network's (no TensorFlow package on these machines), not by running it.
import type { ModelAnalysis } from '../model/analysis';
import { DEFAULT_ALPHA } from '../model/blockFields';
import type { ActivationFn, BlockSpec, DataShape, InitName, ModelSpec, Padding, Size2 } from '../model/spec';
import { pyDocText, pyFloat, pyString, pythonNames } from './pythonNames';

const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);
const tuple = (s: Size2) => `(${pair(s).join(', ')})`;

const INIT: Record<InitName, string> = {
  glorotUniform: '"glorot_uniform"', glorotNormal: '"glorot_normal"', heNormal: '"he_normal"', heUniform: '"he_uniform"',
  lecunNormal: '"lecun_normal"', zeros: '"zeros"', largeNormal: 'keras.initializers.RandomNormal(stddev=1.0)',
};

const KERAS_ACTIVATION: Record<Exclude<ActivationFn, 'leakyRelu'>, string> = {
  relu: 'relu', elu: 'elu', sigmoid: 'sigmoid', tanh: 'tanh', linear: 'linear',
};

/** A Keras layer name for a helper layer of a block: Keras forbids '/' in names. */
export const kerasLayerName = (tfjsName: string): string => tfjsName.replace(/\//g, '_');

interface Line {
  readonly variable: string;
  readonly layer: string;
  readonly input: string;
}

function activationLayer(fn: ActivationFn, alpha: number | undefined, name: string): string {
  if (fn === 'leakyRelu') return `layers.LeakyReLU(alpha=${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)}, name=${pyString(name)})`;
  if (fn === 'elu' && alpha !== undefined && alpha !== 1) return `layers.ELU(alpha=${pyFloat(alpha)}, name=${pyString(name)})`;
  if (fn === 'elu') return `layers.ELU(name=${pyString(name)})`;
  return `layers.Activation(${pyString(KERAS_ACTIVATION[fn])}, name=${pyString(name)})`;
}

const fused = (fn: ActivationFn | undefined) => (fn === undefined || fn === 'leakyRelu' ? 'linear' : KERAS_ACTIVATION[fn]);
const kerasPadding = (p: Padding) => (p === 'same' ? '"same"' : '"valid"');

function blockLines(block: Exclude<BlockSpec, { kind: 'input' }>, v: string, xs: readonly string[], data: DataShape): Line[] {
  const id = block.id;
  const x = xs[0] as string;
  const lines: Line[] = [];
  let input = x;
  const pad = (padding: Padding) => {
    if (typeof padding !== 'number' || padding === 0) return;
    lines.push({ variable: `${v}_pad`, layer: `layers.ZeroPadding2D(${padding}, name=${pyString(kerasLayerName(`${id}/pad`))})`, input });
    input = `${v}_pad`;
  };
  const leaky = (fn: ActivationFn | undefined) => {
    if (fn !== 'leakyRelu') return;
    const last = lines[lines.length - 1] as Line;
    lines[lines.length - 1] = { ...last, variable: `${v}_linear` };
    lines.push({ variable: v, layer: activationLayer('leakyRelu', undefined, kerasLayerName(`${id}/act`)), input: `${v}_linear` });
  };
  const init = (i: InitName | undefined) => `kernel_initializer=${INIT[i ?? 'glorotUniform']}`;
  switch (block.kind) {
    case 'conv2d': {
      pad(block.padding);
      const args = [String(block.filters), tuple(block.kernel), `strides=${tuple(block.stride)}`, `padding=${kerasPadding(block.padding)}`];
      if (block.dilation !== undefined) args.push(`dilation_rate=${tuple(block.dilation)}`);
      args.push(`use_bias=${block.useBias === false ? 'False' : 'True'}`, `activation=${pyString(fused(block.activation))}`, init(block.init));
      lines.push({ variable: v, layer: `layers.Conv2D(${args.join(', ')}, name=${pyString(id)})`, input });
      leaky(block.activation);
      return lines;
    }
    case 'maxpool2d':
    case 'avgpool2d': {
      pad(block.padding);
      const cls = block.kind === 'maxpool2d' ? 'MaxPooling2D' : 'AveragePooling2D';
      lines.push({ variable: v, layer: `layers.${cls}(${tuple(block.size)}, strides=${tuple(block.stride)}, padding=${kerasPadding(block.padding)}, name=${pyString(id)})`, input });
      return lines;
    }
    case 'globalavgpool': return [{ variable: v, layer: `layers.GlobalAveragePooling2D(name=${pyString(id)})`, input }];
    case 'globalmaxpool': return [{ variable: v, layer: `layers.GlobalMaxPooling2D(name=${pyString(id)})`, input }];
    case 'activation': return [{ variable: v, layer: activationLayer(block.fn, block.alpha, id), input }];
    case 'dropout': return [{ variable: v, layer: `layers.Dropout(${pyFloat(block.rate)}, name=${pyString(id)})`, input }];
    case 'batchnorm':
      return [{ variable: v, layer: `layers.BatchNormalization(momentum=${pyFloat(block.momentum ?? 0.99)}, epsilon=${pyFloat(block.epsilon ?? 1e-3)}, name=${pyString(id)})`, input }];
    case 'add': return [{ variable: v, layer: `layers.Add(name=${pyString(id)})`, input: `[${xs.join(', ')}]` }];
    case 'concat': return [{ variable: v, layer: `layers.Concatenate(axis=-1, name=${pyString(id)})`, input: `[${xs.join(', ')}]` }];
    case 'flatten': return [{ variable: v, layer: `layers.Flatten(name=${pyString(id)})`, input }];
    case 'dense': {
      const bias = block.useBias === false ? 'False' : 'True';
      lines.push({ variable: v, layer: `layers.Dense(${block.units}, activation=${pyString(fused(block.activation))}, use_bias=${bias}, ${init(block.init)}, name=${pyString(id)})`, input });
      leaky(block.activation);
      return lines;
    }
    case 'softmax':
      // As the app builds it: the class scores (logits) from a linear Dense, then a Softmax layer.
      return [
        { variable: `${v}_logits`, layer: `layers.Dense(${data.numClasses}, activation="linear", ${init(block.init)}, name=${pyString(id)})`, input },
        { variable: v, layer: `layers.Softmax(name=${pyString(kerasLayerName(`${id}/softmax`))})`, input: `${v}_logits` },
      ];
  }
}

export function kerasModelPy(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, title = 'A network'): string {
  if (!analysis.valid) throw new Error('kerasModelPy: the network has errors');
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const names = pythonNames(analysis.blocks.map((b) => b.id));
  const body: string[] = [];
  let inputVar = 'inputs';
  let outputVar = 'inputs';
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    const v = names.get(a.id) as string;
    if (block === undefined) continue;
    if (block.kind === 'input') {
      inputVar = v;
      body.push(`    ${v} = keras.Input(shape=(${data.inputShape.join(', ')}${data.inputShape.length === 1 ? ',' : ''}), name=${pyString(block.id)})`);
      continue;
    }
    for (const line of blockLines(block, v, block.inputs.map((i) => names.get(i) as string), data)) {
      body.push(`    ${line.variable} = ${line.layer}(${line.input})`);
    }
    if (block.kind === 'softmax') outputVar = v;
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
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.summary()
`;
}
