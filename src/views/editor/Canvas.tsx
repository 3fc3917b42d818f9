// The xyflow canvas. Nodes and edges are a projection of the store's spec; the canvas itself only keeps what
// belongs to a gesture in progress (measured sizes, positions while dragging, which edges are selected).
import {
  Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore, useStoreApi, type Connection, type ReactFlowInstance, type Edge, type EdgeChange, type NodeChange,
  type OnNodeDrag, type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { measureModel } from '../../model/cost';
import type { BlockAnalysis } from '../../model/analysis';
import type { BlockKind, BlockSpec } from '../../model/spec';
import type { Point } from '../../store/editOps';
import { isEditLocked } from '../../store/modelSlice';
import { datasetEntry } from '../../data/registry';
import { useApp, useServices } from '../AppContext';
import { ThumbnailsContext } from '../viz/BlockThumb';
import { useOnScreen, useWantBlocks } from '../viz/hooks';
import { selectResultsStale } from '../../store/results';
import { createThumbnails, type Thumbnails } from '../viz/thumbnails';
import { formatShape } from '../format';
import { BlockNode } from './BlockNode';
import { deriveEdges, deriveNodes, type BlockNode as BlockNodeType } from './flowModel';
import { fillLayout } from './layout';
import { PALETTE_MIME } from './Palette';
import { useFlowAriaLabels } from './flowAria';
import { startViewport } from './startView';
import { visibleBlocks } from './visibleBlocks';
import type { EditorActions } from './useEditorActions';

// At module scope: a new object per render would make xyflow re-mount every node.
const NODE_TYPES = { block: BlockNode };
const FIT = { padding: 0.04, minZoom: 0.45, maxZoom: 1 };
/**
 * On the projector a block's text (21 px in presenter mode, editor.css) is drawn at 16 px or more: the view
 * never fits below this zoom, and a network too wide for it opens from its input (pan for the rest). Full
 * view may zoom in to fill the screen.
 */
const PRESENTER_MIN_ZOOM = 16 / 21;
type Fit = typeof FIT;
const fitFor = (presenter: boolean, full: boolean): Fit => ({
  padding: FIT.padding, minZoom: presenter ? PRESENTER_MIN_ZOOM : FIT.minZoom, maxZoom: full ? 1.6 : FIT.maxZoom,
});
/**
 * xyflow pans the view while a connection or a block is dragged within 40 px of the pane's edge. In a strip
 * lower than this (the lesson strip at 1280x720 is ~115 px) every handle lies in that band: the view slid
 * away under the pointer and the connection was dropped on nothing. There the student pans by hand.
 */
const AUTO_PAN_MIN_HEIGHT = 200;
/** A network with more blocks than this gets a minimap to find its way along the strip. */
const MINIMAP_BLOCKS = 16;
/** Wide and low, as a network drawn along one lane is. */
const MINIMAP_SIZE = { width: 150, height: 72 };

/**
 * Fits the network in view; one too large to fit at a readable zoom (a ResNet) is shown from its input, with
 * the lanes of that first screen in view (startView.ts), rather than from its middle.
 */
async function fitOrShowStart(flow: ReactFlowInstance, pane: () => { width: number; height: number }, fit: Fit = FIT): Promise<void> {
  await flow.fitView(fit);
  const { zoom } = flow.getViewport();
  if (zoom > fit.minZoom + 1e-3) return;
  const boxes = flow.getNodes().map((n) => ({
    x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0,
  }));
  await flow.setViewport(startViewport(boxes, pane(), zoom));
}

interface Props {
  readonly actions: EditorActions;
  readonly showCost: boolean;
  readonly connectFrom: string | null;
  readonly selectedEdges: ReadonlySet<string>;
  readonly onSelectEdges: (edges: ReadonlySet<string>) => void;
  /** Bumped by "Tidy layout" to bring the tidied network into view. */
  readonly fitSignal: number;
}

type Size = { width: number; height: number };

export function Canvas({ actions, showCost, connectFrom, selectedEdges, onSelectEdges, fitSignal }: Props) {
  const { t } = useTranslation('editor');
  const spec = useApp((s) => s.spec);
  const analysis = useApp((s) => s.analysis);
  const selection = useApp((s) => s.selection);
  const refusal = useApp((s) => s.refusal);
  const select = useApp((s) => s.select);
  const connectBlocks = useApp((s) => s.connectBlocks);
  const locked = useApp(isEditLocked);
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const pane = useCallback(() => {
    const { width, height } = flowStore.getState();
    return { width, height };
  }, [flowStore]);
  const presenter = useApp((s) => s.presenter);
  const full = useApp((s) => s.fullView === 'network');
  // Every fit below uses the zoom limits of the mode the strip is in.
  const fit = useMemo(() => fitFor(presenter, full), [presenter, full]);
  const thumbs = useLiveThumbnails();
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(new Map());
  const [dragging, setDragging] = useState<Readonly<Record<string, Point>>>({});

  const dataShape = useApp((s) => s.dataShape);
  const layout = useMemo(() => fillLayout(spec), [spec]);
  const costs = useMemo(() => {
    if (!showCost) return null;
    try {
      return measureModel(spec, analysis, dataShape);
    } catch (err) {
      // Costs are extra information: a failure to measure must not take the canvas down with it.
      console.warn('could not measure the network', err);
      return null;
    }
  }, [showCost, spec, analysis, dataShape]);
  const label = useCallback((block: BlockSpec, info: BlockAnalysis | null, issues: number) => t('nodeLabel', {
    kind: t(`kind.${block.kind}`, { ns: 'model', defaultValue: block.kind }), id: block.id,
    shape: formatShape(info?.outputShape ?? null), count: issues,
  }), [t]);
  const base = useMemo(
    () => deriveNodes({ spec, analysis, layout, selection, refusal, costs, connectFrom, label }),
    [spec, analysis, layout, selection, refusal, costs, connectFrom, label],
  );
  const nodes = useMemo<BlockNodeType[]>(() => base.map((n) => {
    const size = sizes.get(n.id);
    return { ...n, position: dragging[n.id] ?? n.position, ...(size ? { measured: size } : {}) };
  }), [base, sizes, dragging]);
  const edges = useMemo(() => deriveEdges(spec, analysis, selectedEdges), [spec, analysis, selectedEdges]);

  // While the layout is automatic (a preset, the empty canvas, a tidy), keep the whole network in view as it
  // grows; once the student places blocks by hand, the view is theirs.
  const autoLayout = Object.keys(spec.layout ?? {}).length === 0;
  const blocks = spec.blocks;
  useEffect(() => {
    if (!autoLayout) return undefined;
    // Fit once the new nodes have been measured (two frames): fitting at once framed the previous network's
    // size, so a larger preset opened partly out of view.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitOrShowStart(flow, pane, fit));
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, pane, fit, autoLayout, blocks]);
  useEffect(() => {
    if (fitSignal > 0) void fitOrShowStart(flow, pane, fit);
  }, [flow, pane, fit, fitSignal]);
  // Presenter mode and full view change how large blocks must be drawn: the view is fitted again, hand-placed
  // or not, once the strip has its new size (two frames).
  const modeChanged = useRef(false);
  useEffect(() => {
    if (!modeChanged.current) {
      modeChanged.current = true;
      return undefined;
    }
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void fitOrShowStart(flow, pane, fit));
    });
    return () => cancelAnimationFrame(frame);
  }, [flow, pane, fit]);
  // The strip changes size with the window, presenter mode and full view: an automatic layout is re-fitted.
  const box = thumbs.el;
  useEffect(() => {
    if (!box || !autoLayout || typeof ResizeObserver === 'undefined') return undefined;
    let frame = 0;
    let last = '';
    const resize = new ResizeObserver(() => {
      const size = `${box.clientWidth}x${box.clientHeight}`;
      if (size === last) return;
      const first = last === '';
      last = size;
      if (first) return; // the first report is the size the network was just fitted to
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void fitOrShowStart(flow, pane, fit));
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [box, autoLayout, flow, pane, fit]);

  const onNodesChange = useCallback((changes: NodeChange<BlockNodeType>[]) => {
    const measured = new Map<string, Size>();
    const moved: Record<string, Point> = {};
    let nextSelection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) measured.set(c.id, c.dimensions);
      else if (c.type === 'position' && c.position && c.dragging) moved[c.id] = c.position;
      else if (c.type === 'select') {
        nextSelection ??= new Set(selection);
        if (c.selected) nextSelection.add(c.id);
        else nextSelection.delete(c.id);
      }
    }
    if (measured.size > 0) setSizes((prev) => new Map([...prev, ...measured]));
    if (Object.keys(moved).length > 0) setDragging((prev) => ({ ...prev, ...moved }));
    if (nextSelection) select([...nextSelection]);
  }, [selection, select]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const next = new Set(selectedEdges);
    let changed = false;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      changed = true;
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    if (changed) onSelectEdges(next);
  }, [selectedEdges, onSelectEdges]);

  const onNodeDragStop: OnNodeDrag<BlockNodeType> = useCallback((_e, _node, dragged) => {
    actions.commitDrag(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
    setDragging({});
  }, [actions]);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) connectBlocks(c.source, c.target);
  }, [connectBlocks]);

  const onDrop = useCallback((e: DragEvent) => {
    const kind = e.dataTransfer.getData(PALETTE_MIME);
    if (!kind || locked) return;
    e.preventDefault();
    actions.addAt(kind as BlockKind, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  }, [actions, flow, locked]);

  const minimap = spec.blocks.length > MINIMAP_BLOCKS;
  const autoPan = useStore((s) => s.height >= AUTO_PAN_MIN_HEIGHT);
  return (
    <div ref={thumbs.host} className="editor-canvas has-side" aria-label={t('canvasLabel')} role="region" tabIndex={-1}
      onDragOver={(e) => { if (e.dataTransfer.types.includes(PALETTE_MIME)) e.preventDefault(); }} onDrop={onDrop}>
      <ThumbnailsContext.Provider value={thumbs.controller}>
      <ReactFlow<BlockNodeType, Edge>
        nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} ariaLabelConfig={useFlowAriaLabels()}
        onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} onNodeDragStop={onNodeDragStop}
        onConnect={onConnect} autoPanOnConnect={autoPan} autoPanOnNodeDrag={autoPan}
        nodesDraggable={!locked} nodesConnectable={!locked} elementsSelectable
        deleteKeyCode={null} panActivationKeyCode={null} disableKeyboardA11y multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
        fitView fitViewOptions={fit} minZoom={0.2} maxZoom={2} proOptions={{ hideAttribution: true }}>
        <Background gap={24} />
      </ReactFlow>
      </ThumbnailsContext.Provider>
      {/* Beside the strip, not over it: a minimap inside the pane covered the blocks at its lower right, and the
          zoom buttons at the lower left covered the input block (on a tablet, at 44 px, half of it). */}
      <div className="editor-side">
        <Controls showInteractive={false} orientation={minimap ? 'horizontal' : 'vertical'} />
        {minimap && (
          <MiniMap className="editor-minimap" position="top-right" style={MINIMAP_SIZE} pannable zoomable
            bgColor="#fff" maskColor="rgba(31, 78, 121, 0.12)" nodeColor="#c9d3de" ariaLabel={t('minimap', { ns: 'workspace' })} />
        )}
      </div>
    </div>
  );
}

/** The ids of the blocks in view, as one string, so the canvas re-renders only when that set changes. */
function selectInView(s: ReactFlowState): string {
  const boxes = [...s.nodeLookup.values()].map((n) => ({
    id: n.id, x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y,
    width: n.measured.width ?? 0, height: n.measured.height ?? 0,
  }));
  return visibleBlocks(boxes, s.transform, s).join('\n');
}

/**
 * The blocks' live thumbnails: one controller for the strip, and the worker asked for activations only
 * while the strip can be seen.
 */
function useLiveThumbnails(): { host: (el: HTMLDivElement | null) => void; el: HTMLDivElement | null; controller: Thumbnails | null } {
  const { t } = useTranslation('workspace');
  const channel = useServices().run.probes;
  const hostRef = useRef<HTMLDivElement | null>(null);
  const [el, setEl] = useState<HTMLDivElement | null>(null);
  const [controller, setController] = useState<Thumbnails | null>(null);
  const onScreen = useOnScreen(hostRef);
  // Only the blocks in view are probed (a ResNet's far end costs the training nothing until panned to).
  const inView = useStore(selectInView);
  const ids = useMemo(() => (inView === '' ? [] : inView.split('\n')), [inView]);
  useWantBlocks(ids, el !== null && onScreen, 150);
  const names = useApp((s) => (s.datasetId === 'custom' ? s.customDataset?.data.meta.classNames : datasetEntry(s.datasetId).classNames));
  useEffect(() => {
    if (!el) return undefined;
    const c = createThumbnails(el, channel);
    setController(c);
    return () => {
      c.destroy();
      setController(null);
    };
  }, [el, channel]);
  // Probes of an earlier network or dataset are not pictures of this one.
  const stale = useApp((s) => selectResultsStale(s) !== null);
  useEffect(() => {
    controller?.setStale(stale);
  }, [controller, stale]);
  useEffect(() => {
    controller?.setCaption((k, percent) => t('thumb.top', { label: names?.[k] ?? String(k), percent }));
  }, [controller, names, t]);
  const host = useCallback((node: HTMLDivElement | null) => {
    hostRef.current = node;
    setEl(node);
  }, []);
  return { host, el, controller };
}
