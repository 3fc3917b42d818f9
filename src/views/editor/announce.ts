// What changed in the network, in one short sentence for the editor's status line (read out by screen
// readers through role=status): derived from the specs before and after, so mouse, keyboard and undo are
// all announced alike without each action having to remember to say something.
import type { ModelSpec } from '../../model/spec';

export interface Announcement {
  /** A key in the 'editor' namespace. */
  readonly key: 'status.added' | 'status.removed' | 'status.connected' | 'status.disconnected' | 'status.replaced';
  readonly values: Readonly<Record<string, string>>;
}

const edgesOf = (spec: ModelSpec) => new Set(spec.blocks.flatMap((b) => b.inputs.map((i) => `${i} → ${b.id}`)));

/** At most a few ids, so a sentence read out stays short. */
const listed = (ids: readonly string[]) => (ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 6).join(', ')}, … (${ids.length})`);

export function describeChange(before: ModelSpec, after: ModelSpec): Announcement | null {
  if (before === after) return null;
  const was = new Set(before.blocks.map((b) => b.id));
  const is = new Set(after.blocks.map((b) => b.id));
  const added = [...is].filter((id) => !was.has(id));
  const removed = [...was].filter((id) => !is.has(id));
  // Blocks both came and went, or several came while blocks that stayed changed their settings: a whole
  // network was swapped in (a preset, a link, an undo across one), even one whose ids include the old ones.
  const settings = (b: ModelSpec['blocks'][number]) => JSON.stringify({ ...b, inputs: [] });
  const old = new Map(before.blocks.map((b) => [b.id, settings(b)]));
  const reshaped = after.blocks.some((b) => old.has(b.id) && old.get(b.id) !== settings(b));
  if ((added.length > 0 && removed.length > 0) || (added.length + removed.length > 1 && reshaped)) {
    return { key: 'status.replaced', values: { count: String(is.size) } };
  }
  if (added.length > 0) return { key: 'status.added', values: { ids: listed(added) } };
  if (removed.length > 0) return { key: 'status.removed', values: { ids: listed(removed) } };
  const oldEdges = edgesOf(before);
  const newEdges = edgesOf(after);
  const connected = [...newEdges].filter((e) => !oldEdges.has(e));
  const disconnected = [...oldEdges].filter((e) => !newEdges.has(e));
  if (connected.length > 0) return { key: 'status.connected', values: { edges: connected.join(', ') } };
  if (disconnected.length > 0) return { key: 'status.disconnected', values: { edges: disconnected.join(', ') } };
  return null;
}
