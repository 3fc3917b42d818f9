// Every edit of the network as one pure function (spec, args) -> spec, shared by the mouse, the keyboard and
// the inspector (as excalidraw's actions are). They never throw and never check whether the result is a
// valid network: the model core judges that and the editor shows its verdict on the block at fault.
import { blockModuleOf } from '../blocks/registry';
import { isInputKind, isOutputKind, MERGE_KINDS } from '../model/graph';
import { pruneTraining } from '../model/blockTraining';
import type { BlockKind, BlockSpec, ModelSpec } from '../model/spec';

export type Point = { readonly x: number; readonly y: number };
export type Layout = Readonly<Record<string, Point>>;

/** A fresh id for a new block of this kind: the prefix and the smallest number not yet taken (conv3, add1). */
export function nextId(spec: ModelSpec, kind: BlockKind, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...spec.blocks.map((b) => b.id), ...taken]);
  const prefix = blockModuleOf(kind)?.idPrefix ?? 'block';
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}

function withLayout(spec: ModelSpec, patch: Layout, drop: ReadonlySet<string> = new Set()): ModelSpec {
  const layout: Record<string, Point> = {};
  for (const [id, p] of Object.entries(spec.layout ?? {})) if (!drop.has(id)) layout[id] = p;
  Object.assign(layout, patch);
  return { ...spec, layout };
}

const consumersOf = (spec: ModelSpec, id: string) => spec.blocks.filter((b) => b.inputs.includes(id));

/**
 * Adds a block. With `after`, the new block reads from that block and, when `after` fed exactly one block,
 * takes its place in front of it (inserting into a chain keeps the network whole); with several readers
 * the new block starts a branch, because which of them should move is the student's choice, not ours.
 */
export function addBlock(spec: ModelSpec, block: BlockSpec, opts: { after?: string; at?: Point } = {}): ModelSpec {
  if (spec.blocks.some((b) => b.id === block.id)) return spec;
  const after = opts.after !== undefined && spec.blocks.some((b) => b.id === opts.after) ? opts.after : undefined;
  let blocks = spec.blocks;
  let added: BlockSpec = block;
  if (after !== undefined && !isInputKind(block.kind)) {
    added = { ...block, inputs: [after] } as BlockSpec;
    // An output ends the network: it is added beside the block's readers, never spliced in front of them
    // (a second softmax put before the first one left that one reading an output).
    const readers = isOutputKind(block.kind) ? [] : consumersOf(spec, after);
    const only = readers.length === 1 ? readers[0] : undefined;
    if (only !== undefined) {
      blocks = blocks.map((b) => (b === only
        ? ({ ...b, inputs: b.inputs.map((i) => (i === after ? added.id : i)) } as BlockSpec) : b));
    }
  }
  const next = { ...spec, blocks: [...blocks, added] };
  return opts.at ? withLayout(next, { [added.id]: opts.at }) : next;
}

/** Removes blocks and every connection that touched them; nothing is reconnected. */
export function removeBlocks(spec: ModelSpec, ids: readonly string[]): ModelSpec {
  const gone = new Set(ids);
  if (!spec.blocks.some((b) => gone.has(b.id))) return spec;
  const blocks = spec.blocks
    .filter((b) => !gone.has(b.id))
    .map((b) => (b.inputs.some((i) => gone.has(i)) ? ({ ...b, inputs: b.inputs.filter((i) => !gone.has(i)) } as BlockSpec) : b));
  return pruneTraining(spec.layout ? withLayout({ ...spec, blocks }, {}, gone) : { ...spec, blocks });
}

/**
 * Feeds `from` into `to`. A block that reads several inputs (add, concat) gains one; any other block's input
 * is replaced, as plugging a cable into an occupied socket would. Checking whether the connection makes
 * sense is the caller's job (the core's canConnect), so this only refuses what cannot be expressed.
 */
export function connect(spec: ModelSpec, from: string, to: string): ModelSpec {
  const target = spec.blocks.find((b) => b.id === to);
  if (from === to || target === undefined || !spec.blocks.some((b) => b.id === from)) return spec;
  if (target.inputs.includes(from)) return spec;
  const inputs = MERGE_KINDS.has(target.kind) ? [...target.inputs, from] : [from];
  return { ...spec, blocks: spec.blocks.map((b) => (b === target ? ({ ...b, inputs } as BlockSpec) : b)) };
}

/** Removes every input of a block (before plugging another one into a single-input block). */
export function clearInputs(spec: ModelSpec, id: string): ModelSpec {
  const target = spec.blocks.find((b) => b.id === id);
  if (target === undefined || target.inputs.length === 0) return spec;
  return { ...spec, blocks: spec.blocks.map((b) => (b === target ? ({ ...b, inputs: [] } as BlockSpec) : b)) };
}

export function disconnect(spec: ModelSpec, from: string, to: string): ModelSpec {
  const target = spec.blocks.find((b) => b.id === to);
  if (target === undefined || !target.inputs.includes(from)) return spec;
  const inputs = target.inputs.filter((i) => i !== from);
  return { ...spec, blocks: spec.blocks.map((b) => (b === target ? ({ ...b, inputs } as BlockSpec) : b)) };
}

/** Changes settings of one block; its id, kind and wiring are not settings and stay as they are. */
export function updateBlock(spec: ModelSpec, id: string, patch: Readonly<Record<string, unknown>>): ModelSpec {
  const target = spec.blocks.find((b) => b.id === id);
  if (target === undefined) return spec;
  const rest: Record<string, unknown> = { ...patch };
  delete rest.id;
  delete rest.kind;
  delete rest.inputs;
  const updated = { ...target, ...rest } as BlockSpec;
  return { ...spec, blocks: spec.blocks.map((b) => (b === target ? updated : b)) };
}

/**
 * Copies blocks with fresh ids. Connections among the copied blocks are copied too; inputs from outside the
 * copy are kept, so a copied conv becomes a parallel branch of the same input (a start for add / concat).
 * The input block is never copied: a network has exactly one.
 */
export function duplicateBlocks(spec: ModelSpec, ids: readonly string[], offset: Point = { x: 40, y: 60 }):
  { spec: ModelSpec; ids: string[] } {
  const chosen = spec.blocks.filter((b) => ids.includes(b.id) && !isInputKind(b.kind));
  if (chosen.length === 0) return { spec, ids: [] };
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  for (const b of chosen) {
    const id = nextId(spec, b.kind, taken);
    taken.add(id);
    rename.set(b.id, id);
  }
  const copies = chosen.map((b) => ({
    ...b, id: rename.get(b.id) as string, inputs: b.inputs.map((i) => rename.get(i) ?? i),
  }) as BlockSpec);
  const positions: Record<string, Point> = {};
  for (const b of chosen) {
    const p = spec.layout?.[b.id];
    if (p) positions[rename.get(b.id) as string] = { x: p.x + offset.x, y: p.y + offset.y };
  }
  const next = { ...spec, blocks: [...spec.blocks, ...copies] };
  return { spec: Object.keys(positions).length > 0 ? withLayout(next, positions) : next, ids: [...rename.values()] };
}

/** Sets canvas positions of some blocks (a drag, an arrow key); ids of missing blocks are ignored. */
export function moveBlocks(spec: ModelSpec, positions: Layout): ModelSpec {
  const known = new Set(spec.blocks.map((b) => b.id));
  const patch: Record<string, Point> = {};
  for (const [id, p] of Object.entries(positions)) {
    if (known.has(id) && Number.isFinite(p.x) && Number.isFinite(p.y)) patch[id] = { x: p.x, y: p.y };
  }
  return Object.keys(patch).length === 0 ? spec : withLayout(spec, patch);
}

/** Replaces every position (tidy layout). */
export function setLayout(spec: ModelSpec, layout: Layout): ModelSpec {
  return { ...spec, layout: { ...layout } };
}
