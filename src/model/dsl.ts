// The small DSL that writes networks: `chain(input(), conv2d(6, 5), ...)` gives a sequential ModelSpec,
// `network((n) => ...)` a graph with branches (residual adds, concats). Ids are readable (conv1, act1,
// pool1, ...) and never reused; each drafted block gets its `inputs` from where it is placed.
import { blockModuleOf } from '../blocks/registry';
import type {
  ActivationFn, BlockKind, BlockSpec, InitName, ModelSpec, Padding, Pool2DBlock, Size2,
} from './spec';

/** A block without its wiring: chain() / network() fill in `inputs`, and an `id` unless one is given. */
export type BlockDraft = Draft<BlockSpec>;
// Distributes over the union, so each kind keeps its own fields.
type Draft<B> = B extends BlockSpec ? Omit<B, 'id' | 'inputs'> & { readonly id?: string } : never;

// The ids the presets were written with: each kind's own prefix, but both poolings are 'pool' here.
const idPrefix = (kind: BlockKind): string => (kind === 'avgpool2d' ? 'pool' : (blockModuleOf(kind)?.idPrefix ?? kind));
// Blocks a network usually has once read best without a number: 'input', not 'input1'.
const usuallyOnce = (kind: BlockKind): boolean => blockModuleOf(kind)?.role !== undefined || kind === 'flatten';

/** Builds a graph block by block; every method returns the id of the (last) block it added. */
export class NetworkBuilder {
  readonly blocks: BlockSpec[] = [];
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(reserved: readonly string[] = []) {
    for (const id of reserved) this.used.add(id);
  }

  /** One block reading from the given ids (none for the input block). */
  node(draft: BlockDraft, ...inputs: string[]): string {
    const id = draft.id ?? this.nextId(draft.kind);
    this.used.add(id);
    this.blocks.push({ ...draft, id, inputs } as BlockSpec);
    return id;
  }

  /** A sequence of blocks after `from` (or starting the network when `from` is null). */
  seq(from: string | null, ...drafts: readonly BlockDraft[]): string {
    let previous = from;
    for (const draft of drafts) previous = this.node(draft, ...(previous === null ? [] : [previous]));
    if (previous === null) throw new Error('seq needs a start or at least one block');
    return previous;
  }

  private nextId(kind: BlockKind): string {
    const prefix = idPrefix(kind);
    for (;;) {
      const n = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, n);
      const id = n === 1 && usuallyOnce(kind) ? prefix : `${prefix}${n}`;
      if (!this.used.has(id)) return id;
    }
  }
}

export function network(build: (n: NetworkBuilder) => void): ModelSpec {
  const n = new NetworkBuilder();
  build(n);
  return { blocks: n.blocks };
}

export function chain(...drafts: readonly BlockDraft[]): ModelSpec {
  const n = new NetworkBuilder(drafts.flatMap((d) => (d.id === undefined ? [] : [d.id])));
  n.seq(null, ...drafts);
  return { blocks: n.blocks };
}

export interface ConvOptions {
  readonly stride?: Size2;
  readonly padding?: Padding;
  readonly dilation?: Size2;
  readonly useBias?: boolean;
  readonly activation?: ActivationFn;
  readonly init?: InitName;
  readonly id?: string;
}

export const input = (): BlockDraft => ({ kind: 'input' });

/** Optional settings are only written when given, so specs stay as short as the student wrote them. */
export const conv2d = (filters: number, kernel: Size2, opts: ConvOptions = {}): BlockDraft => {
  const { stride = 1, padding = 'valid', ...rest } = opts;
  return { kind: 'conv2d', filters, kernel, stride, padding, ...rest };
};

export const activation = (fn: ActivationFn = 'relu', alpha?: number): BlockDraft =>
  (alpha === undefined ? { kind: 'activation', fn } : { kind: 'activation', fn, alpha });

/** A pooling window; the stride defaults to the window size (non-overlapping), as in Keras. */
export const pool2d = (
  kind: Pool2DBlock['kind'], size: Size2 = 2, opts: { stride?: Size2; padding?: Padding } = {},
): BlockDraft => ({ kind, size, stride: opts.stride ?? size, padding: opts.padding ?? 'valid' });

export const maxPool2d = (size: Size2 = 2, opts: { stride?: Size2; padding?: Padding } = {}) => pool2d('maxpool2d', size, opts);
export const avgPool2d = (size: Size2 = 2, opts: { stride?: Size2; padding?: Padding } = {}) => pool2d('avgpool2d', size, opts);
export const globalAvgPool = (): BlockDraft => ({ kind: 'globalavgpool' });
export const globalMaxPool = (): BlockDraft => ({ kind: 'globalmaxpool' });
export const dropout = (rate = 0.5): BlockDraft => ({ kind: 'dropout', rate });
export const batchNorm = (opts: { momentum?: number; epsilon?: number } = {}): BlockDraft => ({ kind: 'batchnorm', ...opts });
export const add = (): BlockDraft => ({ kind: 'add' });
export const concat = (): BlockDraft => ({ kind: 'concat' });
export const flatten = (): BlockDraft => ({ kind: 'flatten' });
export const dense = (units: number, opts: Omit<ConvOptions, 'stride' | 'padding' | 'dilation'> = {}): BlockDraft =>
  ({ kind: 'dense', units, ...opts });
export const softmax = (): BlockDraft => ({ kind: 'softmax' });
export const pixelSoftmax = (): BlockDraft => ({ kind: 'pixelsoftmax' });
export const gridDetect = (): BlockDraft => ({ kind: 'griddetect' });
