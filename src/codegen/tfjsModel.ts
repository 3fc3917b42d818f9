// A TensorFlow.js LayersModel (model.json + one weights file) from the app model's topology and its
// trained weights. The playground trains with three layers of its own (seeded dropout, a dilated conv that
// has gradients in tfjs, ELU with any alpha); for inference they are ordinary Keras layers, so the
// topology is rewritten to the standard classes: Dropout, Conv2D with dilation_rate, ELU. Anyone can then
// load the model with tf.loadLayersModel, or in Python with tensorflowjs's converter.
// One exception: tfjs 4.22's ELU layer refuses alpha != 1, so a model with such an ELU also gets
// elu-alpha.js, a loader that teaches tfjs the alpha (README says so).
import { BLOCK_MODULES } from '../blocks/registry';
import type { LayerJson } from '../blocks/types';
import { countValues, type WeightList } from './weights';
import { needsDenseLoader } from './tfjsDenseLoader';
import { VIT_LAYER_CLASSES } from './tfjsVitLoader';

export const TFJS_WEIGHTS_FILE = 'model.weights.bin';

interface TopologyJson {
  class_name: string;
  config: { name: string; layers: LayerJson[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** The playground's own layer classes, by class name, and the standard layer each kind turns them into. */
const STANDARD: ReadonlyMap<string, (layer: LayerJson) => LayerJson> = new Map(
  BLOCK_MODULES.flatMap((m) => Object.entries(m.tfjsLayers ?? {})));

function standardLayer(layer: LayerJson): LayerJson {
  const rewrite = STANDARD.get(layer.class_name);
  if (rewrite !== undefined) return rewrite(layer);
  if (layer.class_name.startsWith('CnnPlayground')) throw new Error(`No standard layer for ${layer.class_name}`);
  return layer;
}

export interface TfjsExport {
  /** model.json's text. */
  readonly modelJson: string;
  readonly weightsBin: Uint8Array;
  /** True when the model has an ELU with alpha != 1 and needs elu-alpha.js to load in tfjs. */
  readonly needsEluLoader: boolean;
  /** True when a transposed convolution or a bilinear upsampling needs dense-layers.js (tfjsDenseLoader.ts). */
  readonly needsDenseLoader: boolean;
  /** True when the model has transformer layers and needs vit-layers.js (tfjsVitLoader.ts) to load in tfjs. */
  readonly needsVitLoader: boolean;
}

/** `topology` is the app model's model.toJSON(null, false); `weights` its weights in model.weights order. */
export function tfjsLayersModel(topology: unknown, weights: WeightList, name = 'cnn_playground'): TfjsExport {
  const source = topology as TopologyJson;
  if (source?.config === undefined || !Array.isArray(source.config.layers)) throw new Error('Not a LayersModel topology');
  const layers = source.config.layers.map(standardLayer);
  const modelTopology = { ...source, config: { ...source.config, name, layers } };
  const total = weights.reduce((n, w) => n + w.values.length, 0);
  const bin = new Float32Array(total);
  let at = 0;
  for (const w of weights) {
    if (w.values.length !== countValues(w.shape)) throw new Error(`${w.name}: ${w.values.length} values for shape [${w.shape.join(', ')}]`);
    bin.set(w.values, at);
    at += w.values.length;
  }
  const weightsManifest = [{
    paths: [TFJS_WEIGHTS_FILE],
    weights: weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: 'float32' })),
  }];
  const modelJson = JSON.stringify({
    format: 'layers-model', generatedBy: 'CNN Playground', convertedBy: null, modelTopology, weightsManifest,
  });
  const needsEluLoader = layers.some((l) => l.class_name === 'ELU' && l.config.alpha !== undefined && l.config.alpha !== 1);
  const vitClasses = new Set(Object.values(VIT_LAYER_CLASSES));
  const needsVitLoader = layers.some((l) => vitClasses.has(l.class_name));
  return { modelJson, weightsBin: new Uint8Array(bin.buffer), needsEluLoader, needsDenseLoader: layers.some(needsDenseLoader), needsVitLoader };
}

/**
 * elu-alpha.js: run before tf.loadLayersModel (with the global `tf`, or pass your import). It registers an
 * ELU layer that honours alpha in place of tfjs' own, which throws for alpha != 1.
 */
export const TFJS_ELU_LOADER = `// Teaches TensorFlow.js 4.x the alpha of Keras's ELU layer (its own ELU throws for alpha != 1).
// Usage: registerEluAlpha(tf); then tf.loadLayersModel('model.json').
function registerEluAlpha(tf) {
  class ELU extends tf.layers.Layer {
    static className = 'ELU';
    constructor(config) {
      super(config);
      this.alpha = config.alpha == null ? 1 : config.alpha;
    }
    call(inputs) {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.tidy(() => tf.add(tf.mul(tf.relu(x), 1 - this.alpha), tf.mul(tf.elu(x), this.alpha)));
    }
    getConfig() {
      return { ...super.getConfig(), alpha: this.alpha };
    }
  }
  tf.serialization.registerClass(ELU);
}
if (typeof module !== 'undefined') module.exports = { registerEluAlpha };
`;
