// The transformer's tfjs layers the playground trains with: class token, position embeddings, multi-head
// self-attention, the token MLP and the token head. Each owns its weights (named "<block id>/<part>", as
// the block modules list them) and computes with ops.ts. The TensorFlow.js export renames the classes
// without the CnnPlayground prefix; vit-layers.js (codegen/tfjsVitLoader.ts) registers the same layers there.
import * as tf from '@tensorflow/tfjs';
import { affine, gelu, selfAttention } from './ops';

type Init = ReturnType<typeof tf.initializers.zeros>;
const one = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs);
const shapeOf = (s: tf.Shape | tf.Shape[]): tf.Shape => (Array.isArray(s[0]) ? (s[0] as tf.Shape) : (s as tf.Shape));
const last = (s: tf.Shape): number => s[s.length - 1] as number;

export class ClassToken extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundClassToken';
  private token: tf.LayerVariable | null = null;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    this.token = this.addWeight('token', [last(shapeOf(inputShape))], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [b, n, d] = shapeOf(inputShape);
    return [b ?? null, n == null ? null : n + 1, d ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const [b, , d] = x.shape as [number, number, number];
      const token = tf.tile(tf.reshape((this.token as tf.LayerVariable).read(), [1, 1, d]), [b, 1, 1]);
      return tf.concat([token, x], 1);
    });
  }
}

export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundPositionEmbedding';
  private embedding: tf.LayerVariable | null = null;
  private readonly seed: number;

  constructor(args: { name: string; seed?: number }) {
    super({ name: args.name });
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const [, n, d] = shapeOf(inputShape);
    // ViT's: small random vectors, so the positions start apart but barely change the tokens.
    const init: Init = tf.initializers.truncatedNormal({ stddev: 0.02, seed: this.seed });
    this.embedding = this.addWeight('embedding', [n as number, d as number], 'float32', init);
    this.built = true;
  }

  /** The learned table [N, D] (read by the position-similarity probe). */
  table(): tf.Tensor {
    return (this.embedding as tf.LayerVariable).read();
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.add(one(inputs), this.table()));
  }
}

/** Weights of a layer in addWeight order, read as tensors. */
const read = (vars: readonly (tf.LayerVariable | null)[]): tf.Tensor[] => vars.map((v) => (v as tf.LayerVariable).read());

export class SelfAttentionLayer extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundSelfAttention';
  readonly heads: number;
  private vars: (tf.LayerVariable | null)[] = [];
  private readonly seed: number;

  constructor(args: { name: string; heads: number; seed?: number }) {
    super({ name: args.name });
    this.heads = args.heads;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = last(shapeOf(inputShape));
    const glorot = (seed: number): Init => tf.initializers.glorotUniform({ seed });
    this.vars = [
      this.addWeight('qkv_kernel', [d, 3 * d], 'float32', glorot(this.seed)),
      this.addWeight('qkv_bias', [3 * d], 'float32', tf.initializers.zeros()),
      this.addWeight('out_kernel', [d, d], 'float32', glorot(this.seed + 1)),
      this.addWeight('out_bias', [d], 'float32', tf.initializers.zeros()),
    ];
    this.built = true;
  }

  /** The layer's weights as attend() takes them (read by the attention-map probe too). */
  attentionWeights() {
    const [qkvKernel, qkvBias, outKernel, outBias] = read(this.vars) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    return { qkvKernel, qkvBias, outKernel, outBias };
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => selfAttention(one(inputs), this.attentionWeights(), this.heads));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads };
  }
}

export class TokenMlp extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundTokenMlp';
  readonly hidden: number;
  private vars: (tf.LayerVariable | null)[] = [];
  private readonly seed: number;

  constructor(args: { name: string; hidden: number; seed?: number }) {
    super({ name: args.name });
    this.hidden = args.hidden;
    this.seed = args.seed ?? 0;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = last(shapeOf(inputShape));
    const h = this.hidden;
    this.vars = [
      this.addWeight('fc1_kernel', [d, h], 'float32', tf.initializers.glorotUniform({ seed: this.seed })),
      this.addWeight('fc1_bias', [h], 'float32', tf.initializers.zeros()),
      this.addWeight('fc2_kernel', [h, d], 'float32', tf.initializers.glorotUniform({ seed: this.seed + 1 })),
      this.addWeight('fc2_bias', [d], 'float32', tf.initializers.zeros()),
    ];
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [k1, b1, k2, b2] = read(this.vars) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      return affine(gelu(affine(one(inputs), k1, b1)), k2, b2);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), hidden: this.hidden };
  }
}

/**
 * Layer normalization over the last axis, from plain ops: tfjs's own layer computes the same, but its
 * gradient is about 40 times slower on wasm ([32, 50, 64]: 224 ms against 5 ms, measured here).
 */
export class LayerNorm extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundLayerNorm';
  readonly epsilon: number;
  private vars: (tf.LayerVariable | null)[] = [];

  constructor(args: { name: string; epsilon: number }) {
    super({ name: args.name });
    this.epsilon = args.epsilon;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const d = last(shapeOf(inputShape));
    this.vars = [this.addWeight('gamma', [d], 'float32', tf.initializers.ones()), this.addWeight('beta', [d], 'float32', tf.initializers.zeros())];
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [gamma, beta] = read(this.vars) as [tf.Tensor, tf.Tensor];
      const x = one(inputs);
      const centred = tf.sub(x, tf.mean(x, -1, true));
      const variance = tf.mean(tf.square(centred), -1, true);
      return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, this.epsilon))), gamma), beta);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

export class TokenPool extends tf.layers.Layer {
  static readonly className = 'CnnPlaygroundTokenPool';
  readonly pool: 'class' | 'mean';

  constructor(args: { name: string; pool: 'class' | 'mean' }) {
    super({ name: args.name });
    this.pool = args.pool;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = shapeOf(inputShape);
    return [s[0] ?? null, last(s)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      if (this.pool === 'mean') return tf.mean(x, 1);
      const [b, , d] = x.shape as [number, number, number];
      return tf.reshape(tf.slice(x, [0, 0, 0], [b, 1, d]), [b, d]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pool: this.pool };
  }
}

for (const layer of [ClassToken, PositionEmbedding, SelfAttentionLayer, TokenMlp, LayerNorm, TokenPool]) tf.serialization.registerClass(layer);
