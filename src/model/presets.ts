// Ready-made networks and the small DSL that writes them: `chain(input(), conv2d(6, 5), ...)` gives a
// sequential ModelSpec with readable ids (conv1, act1, pool1, ...), each block reading from the one before.
import type {
  ActivationFn, BlockKind, BlockSpec, ModelSpec, Padding, Pool2DBlock,
} from './spec';

/** A block without its wiring: chain() fills in `inputs`, and an `id` unless one is given. */
export type BlockDraft = Draft<BlockSpec>;
// Distributes over the union, so each kind keeps its own fields.
type Draft<B> = B extends BlockSpec ? Omit<B, 'id' | 'inputs'> & { readonly id?: string } : never;

const ID_PREFIX: Record<BlockKind, string> = {
  input: 'input', conv2d: 'conv', activation: 'act', maxpool2d: 'pool', avgpool2d: 'pool',
  flatten: 'flatten', dense: 'dense', softmax: 'output',
};
// Blocks a network usually has once read best without a number: 'input', not 'input1'.
const USUALLY_ONCE: ReadonlySet<BlockKind> = new Set(['input', 'flatten', 'softmax']);

export function chain(...drafts: readonly BlockDraft[]): ModelSpec {
  const used = new Set(drafts.flatMap((d) => (d.id === undefined ? [] : [d.id])));
  const counters = new Map<string, number>();
  const nextId = (kind: BlockKind): string => {
    const prefix = ID_PREFIX[kind];
    for (;;) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      const id = n === 1 && USUALLY_ONCE.has(kind) ? prefix : `${prefix}${n}`;
      if (!used.has(id)) return id;
    }
  };
  const blocks: BlockSpec[] = [];
  let previous: string | null = null;
  for (const draft of drafts) {
    const id = draft.id ?? nextId(draft.kind);
    used.add(id);
    blocks.push({ ...draft, id, inputs: previous === null ? [] : [previous] } as BlockSpec);
    previous = id;
  }
  return { blocks };
}

interface WindowOptions {
  readonly stride?: number;
  readonly padding?: Padding;
}

export const input = (): BlockDraft => ({ kind: 'input' });

export const conv2d = (filters: number, kernel: number, opts: WindowOptions = {}): BlockDraft =>
  ({ kind: 'conv2d', filters, kernel, stride: opts.stride ?? 1, padding: opts.padding ?? 'valid' });

export const activation = (fn: ActivationFn = 'relu'): BlockDraft => ({ kind: 'activation', fn });

/** A pooling window; the stride defaults to the window size (non-overlapping), as in Keras. */
export const pool2d = (
  kind: Pool2DBlock['kind'], size = 2, opts: WindowOptions = {},
): BlockDraft => ({ kind, size, stride: opts.stride ?? size, padding: opts.padding ?? 'valid' });

export const maxPool2d = (size = 2, opts: WindowOptions = {}) => pool2d('maxpool2d', size, opts);
export const avgPool2d = (size = 2, opts: WindowOptions = {}) => pool2d('avgpool2d', size, opts);
export const flatten = (): BlockDraft => ({ kind: 'flatten' });
export const dense = (units: number): BlockDraft => ({ kind: 'dense', units });
export const softmax = (): BlockDraft => ({ kind: 'softmax' });

/**
 * LeNet-5 for 28x28x1 digits. The first convolution pads 2 pixels on each side, so the 28x28 image
 * stays 28x28 as the 32x32 input of the 1998 original did; ReLU and max pooling replace tanh and
 * subsampling, as most courses do today. With 10 classes: 61,706 parameters.
 */
export function lenet5Mnist(): ModelSpec {
  return chain(
    input(),
    conv2d(6, 5, { padding: 2 }), activation('relu'), maxPool2d(2),
    conv2d(16, 5), activation('relu'), maxPool2d(2),
    flatten(),
    dense(120), activation('relu'),
    dense(84), activation('relu'),
    softmax(),
  );
}

/** No convolution at all: the baseline that shows what convolutions add. */
export function mlp(): ModelSpec {
  return chain(input(), flatten(), dense(64), activation('relu'), softmax());
}

/** A small, quick CNN: trains in seconds even on the CPU backend. */
export function tinyCnn(): ModelSpec {
  return chain(
    input(),
    conv2d(8, 3, { padding: 'same' }), activation('relu'), maxPool2d(2),
    flatten(),
    softmax(),
  );
}

export interface Preset {
  readonly id: string;
  /** Key in the i18n 'model' namespace. */
  readonly nameKey: string;
  readonly build: () => ModelSpec;
}

/** In menu order; the first is the default. */
export const PRESETS: readonly Preset[] = [
  { id: 'lenet5', nameKey: 'preset.lenet5', build: lenet5Mnist },
  { id: 'mlp', nameKey: 'preset.mlp', build: mlp },
  { id: 'tinyCnn', nameKey: 'preset.tinyCnn', build: tinyCnn },
];
