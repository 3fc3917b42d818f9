// vit-layers.js, shipped beside a TensorFlow.js export that has transformer blocks: TensorFlow.js has no
// class token, position embedding, self-attention, token MLP or token head layer, so this file registers
// the playground's (src/train/vit/), under the class names the export's model.json uses. Plain JavaScript,
// run by the user before tf.loadLayersModel; the export test runs it as shipped.
import type { LayerJson } from '../blocks/types';

/** model.json class names of the playground's transformer layers, by the app's class name. */
export const VIT_LAYER_CLASSES: Readonly<Record<string, string>> = {
  CnnPlaygroundClassToken: 'ClassToken',
  CnnPlaygroundPositionEmbedding: 'PositionEmbedding',
  CnnPlaygroundSelfAttention: 'SelfAttention',
  CnnPlaygroundTokenMlp: 'TokenMlp',
  CnnPlaygroundTokenPool: 'TokenPool',
};

/** The tfjsLayers entry of a transformer kind: its layer under the loader's class name. */
export const vitLayer = (appClass: string): Record<string, (layer: LayerJson) => LayerJson> =>
  ({ [appClass]: (layer) => ({ ...layer, class_name: VIT_LAYER_CLASSES[appClass] as string }) });

export const TFJS_VIT_LOADER = `// Teaches TensorFlow.js 4.x the transformer layers of a CNN Playground export.
// Usage: registerVitLayers(tf); then tf.loadLayersModel('model.json').
function registerVitLayers(tf) {
  const one = (x) => (Array.isArray(x) ? x[0] : x);
  const shapeOf = (s) => (Array.isArray(s[0]) ? s[0] : s);
  const last = (s) => s[s.length - 1];
  const affine = (x, k, b) => {
    const y = tf.add(tf.matMul(tf.reshape(x, [-1, last(x.shape)]), k), b);
    return tf.reshape(y, [...x.shape.slice(0, -1), k.shape[1]]);
  };
  class ClassToken extends tf.layers.Layer {
    static className = 'ClassToken';
    build(s) { this.token = this.addWeight('token', [last(shapeOf(s))], 'float32', tf.initializers.zeros()); this.built = true; }
    computeOutputShape(s) { const [b, n, d] = shapeOf(s); return [b, n == null ? null : n + 1, d]; }
    call(x) {
      return tf.tidy(() => {
        const t = one(x);
        return tf.concat([tf.tile(tf.reshape(this.token.read(), [1, 1, t.shape[2]]), [t.shape[0], 1, 1]), t], 1);
      });
    }
  }
  class PositionEmbedding extends tf.layers.Layer {
    static className = 'PositionEmbedding';
    build(s) { const [, n, d] = shapeOf(s); this.embedding = this.addWeight('embedding', [n, d], 'float32', tf.initializers.zeros()); this.built = true; }
    call(x) { return tf.tidy(() => tf.add(one(x), this.embedding.read())); }
  }
  class SelfAttention extends tf.layers.Layer {
    static className = 'SelfAttention';
    constructor(config) { super(config); this.heads = config.heads; }
    build(s) {
      const d = last(shapeOf(s));
      const z = tf.initializers.zeros();
      this.w = [this.addWeight('qkv_kernel', [d, 3 * d], 'float32', z), this.addWeight('qkv_bias', [3 * d], 'float32', z),
        this.addWeight('out_kernel', [d, d], 'float32', z), this.addWeight('out_bias', [d], 'float32', z)];
      this.built = true;
    }
    call(x) {
      return tf.tidy(() => {
        const t = one(x);
        const [b, n, d] = t.shape;
        const h = this.heads;
        const [k1, b1, k2, b2] = this.w.map((v) => v.read());
        const split = (u) => tf.transpose(tf.reshape(u, [b, n, h, d / h]), [0, 2, 1, 3]);
        const [q, k, v] = tf.split(affine(t, k1, b1), 3, -1).map(split);
        const a = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d / h)));
        return affine(tf.reshape(tf.transpose(tf.matMul(a, v), [0, 2, 1, 3]), [b, n, d]), k2, b2);
      });
    }
    getConfig() { return { ...super.getConfig(), heads: this.heads }; }
  }
  class TokenMlp extends tf.layers.Layer {
    static className = 'TokenMlp';
    constructor(config) { super(config); this.hidden = config.hidden; }
    build(s) {
      const d = last(shapeOf(s));
      const z = tf.initializers.zeros();
      this.w = [this.addWeight('fc1_kernel', [d, this.hidden], 'float32', z), this.addWeight('fc1_bias', [this.hidden], 'float32', z),
        this.addWeight('fc2_kernel', [this.hidden, d], 'float32', z), this.addWeight('fc2_bias', [d], 'float32', z)];
      this.built = true;
    }
    call(x) {
      return tf.tidy(() => {
        const [k1, b1, k2, b2] = this.w.map((v) => v.read());
        const u = affine(one(x), k1, b1);
        const gelu = tf.mul(tf.mul(u, 0.5), tf.add(tf.erf(tf.mul(u, Math.SQRT1_2)), 1));
        return affine(gelu, k2, b2);
      });
    }
    getConfig() { return { ...super.getConfig(), hidden: this.hidden }; }
  }
  class TokenPool extends tf.layers.Layer {
    static className = 'TokenPool';
    constructor(config) { super(config); this.pool = config.pool; }
    computeOutputShape(s) { const t = shapeOf(s); return [t[0], last(t)]; }
    call(x) {
      return tf.tidy(() => {
        const t = one(x);
        if (this.pool === 'mean') return tf.mean(t, 1);
        return tf.reshape(tf.slice(t, [0, 0, 0], [t.shape[0], 1, t.shape[2]]), [t.shape[0], t.shape[2]]);
      });
    }
    getConfig() { return { ...super.getConfig(), pool: this.pool }; }
  }
  for (const layer of [ClassToken, PositionEmbedding, SelfAttention, TokenMlp, TokenPool]) tf.serialization.registerClass(layer);
}
if (typeof module !== 'undefined') module.exports = { registerVitLayers };
`;
