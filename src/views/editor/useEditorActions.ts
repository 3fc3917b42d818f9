// The editor's user actions, one function each, shared by the toolbar, the palette, the keyboard and the
// inspector (excalidraw's pattern): whichever way a student asks, the same thing happens.
import { useMemo } from 'react';
import { roleOf } from '../../blocks/registry';
import type { BlockKind, ModelSpec } from '../../model/spec';
import type { Layout, Point } from '../../store/editOps';
import { useServices } from '../AppContext';
import { fillLayout, spotAfter, tidyLayout } from './layout';

/** Where a block added without an explicit target goes: after the selection, else just before the output. */
export function defaultAfter(spec: ModelSpec, selection: readonly string[]): string | undefined {
  if (selection[0] !== undefined) return selection[0];
  const output = spec.blocks.find((b) => roleOf(b.kind) === 'output');
  return output?.inputs[0] ?? spec.blocks.find((b) => roleOf(b.kind) === 'input')?.id;
}

const hasPositions = (spec: ModelSpec) => Object.keys(spec.layout ?? {}).length > 0;

export interface EditorActions {
  add(kind: BlockKind): string | null;
  addAt(kind: BlockKind, at: Point): string | null;
  removeSelected(extraEdges?: readonly { from: string; to: string }[]): void;
  duplicateSelected(): void;
  moveSelected(dx: number, dy: number): void;
  commitDrag(positions: Layout): void;
  tidy(): void;
}

export function useEditorActions(): EditorActions {
  const { store } = useServices();
  return useMemo(() => {
    const s = () => store.getState();
    return {
      add(kind) {
        const { spec, selection } = s();
        const after = defaultAfter(spec, selection);
        // Once the student has arranged blocks, a new one gets a free spot beside its source; until then the
        // tidy layout places everything.
        if (!hasPositions(spec)) return s().addBlock(kind, after !== undefined ? { after } : {});
        const layout = fillLayout(spec);
        return s().addBlock(kind, { ...(after !== undefined ? { after } : {}), at: spotAfter(layout, after), freeze: layout });
      },
      addAt(kind, at) {
        return s().addBlock(kind, { at, freeze: fillLayout(s().spec) });
      },
      removeSelected(edges = []) {
        const { selection } = s();
        for (const e of edges) s().disconnect(e.from, e.to);
        if (selection.length > 0) s().removeBlocks(selection);
      },
      duplicateSelected() {
        const { selection } = s();
        if (selection.length > 0) s().duplicateBlocks(selection);
      },
      moveSelected(dx, dy) {
        const { selection, spec } = s();
        if (selection.length === 0) return;
        const layout = fillLayout(spec);
        const moved: Record<string, Point> = { ...layout };
        for (const id of selection) {
          const p = layout[id];
          if (p) moved[id] = { x: p.x + dx, y: p.y + dy };
        }
        s().moveBlocks(moved, `move:${selection.join(',')}`);
      },
      commitDrag(positions) {
        s().moveBlocks({ ...fillLayout(s().spec), ...positions });
      },
      tidy() {
        s().setLayout(tidyLayout(s().spec));
      },
    };
  }, [store]);
}
