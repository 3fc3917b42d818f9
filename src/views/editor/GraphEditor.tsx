// The network builder: toolbar, palette, canvas and inspector, with one keyboard handler for the whole
// editor. Every action goes through the store's model slice, so undo, analysis and the view-only lock while
// training apply the same way to mouse, keyboard and buttons.
import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { isEditLocked } from '../../store/modelSlice';
import { useApp, useServices } from '../AppContext';
import { Canvas } from './Canvas';
import { ConnectPanel } from './ConnectPanel';
import { commandFor, isTextTarget, type EditorCommand } from './editorKeys';
import './editor.css';
import { IssueLine } from './BlockNode';
import { EditorStatus } from './EditorStatus';
import { Inspector } from './Inspector';
import { PaletteSheet } from './PaletteSheet';
import { useEditorActions, type EditorActions } from './useEditorActions';

function Toolbar({ actions, onConnect, showCost, setShowCost, onDelete, onTidy, edgesSelected }: {
  actions: EditorActions; onConnect: () => void; showCost: boolean; setShowCost: (v: boolean) => void;
  onDelete: () => void; onTidy: () => void; edgesSelected: boolean;
}) {
  const { t } = useTranslation('editor');
  const locked = useApp(isEditLocked);
  const canUndo = useApp((s) => s.history.past.length > 0);
  const canRedo = useApp((s) => s.history.future.length > 0);
  const hasSelection = useApp((s) => s.selection.length > 0);
  const loadEmpty = useApp((s) => s.loadEmpty);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <button type="button" data-action="empty" disabled={locked} onClick={loadEmpty}>{t('toolbar.empty')}</button>
      <button type="button" data-action="undo" disabled={locked || !canUndo} onClick={undo}>{t('toolbar.undo')}</button>
      <button type="button" data-action="redo" disabled={locked || !canRedo} onClick={redo}>{t('toolbar.redo')}</button>
      <button type="button" data-action="tidy" disabled={locked} onClick={onTidy}>{t('toolbar.tidy')}</button>
      <button type="button" data-action="connect" disabled={locked || !hasSelection} onClick={onConnect}>{t('toolbar.connect')}</button>
      <button type="button" data-action="duplicate" disabled={locked || !hasSelection} onClick={actions.duplicateSelected}>
        {t('toolbar.duplicate')}
      </button>
      <button type="button" data-action="delete" disabled={locked || (!hasSelection && !edgesSelected)} onClick={onDelete}>{t('toolbar.delete')}</button>
      <label className="toggle">
        <input type="checkbox" data-action="show-cost" checked={showCost} onChange={(e) => setShowCost(e.target.checked)} />{' '}
        {t('toolbar.showCost')}
      </label>
    </div>
  );
}

/** Problems of the network as a whole (no input block, no output): they belong to no single block. */
function NetworkIssues() {
  const issues = useApp((s) => s.analysis.issues);
  const global = issues.filter((i) => i.blockId === null);
  if (global.length === 0) return null;
  return <div className="network-issues" role="alert">{global.map((i, n) => <IssueLine key={n} issue={i} />)}</div>;
}

function useCommand(actions: EditorActions, setConnectFrom: (id: string | null) => void, deleteAll: () => void) {
  const { store } = useServices();
  return useCallback((cmd: EditorCommand, nodeId: string | null) => {
    const s = store.getState();
    switch (cmd.type) {
      case 'undo': return s.undo();
      case 'redo': return s.redo();
      case 'duplicate': return actions.duplicateSelected();
      case 'delete': return deleteAll();
      case 'selectAll': return s.select(s.spec.blocks.map((b) => b.id));
      case 'escape': setConnectFrom(null); return s.select([]);
      case 'move': return actions.moveSelected(cmd.dx, cmd.dy);
      case 'connect': {
        const from = nodeId ?? s.selection[0];
        if (from !== undefined && !isEditLocked(s)) setConnectFrom(from);
        return;
      }
      case 'pick': {
        if (nodeId === null) return;
        const others = s.selection.filter((id) => id !== nodeId);
        const has = s.selection.includes(nodeId);
        return s.select(cmd.additive ? (has ? others : [...s.selection, nodeId]) : [nodeId]);
      }
    }
  }, [store, actions, setConnectFrom, deleteAll]);
}

/**
 * `sideSlot`: where the inspector and the connect list go. Left out, they sit beside the canvas; the
 * workspace passes its block pane (null until that pane is mounted), so they open beside the network.
 */
export function GraphEditor({ sideSlot }: { sideSlot?: HTMLElement | null } = {}) {
  const { t } = useTranslation('editor');
  const actions = useEditorActions();
  const locked = useApp(isEditLocked);
  const [showCost, setShowCost] = useState(false);
  const [connectFrom, setConnectFrom] = useState<string | null>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const [fitSignal, setFitSignal] = useState(0);
  const selection = useApp((s) => s.selection);
  const select = useApp((s) => s.select);

  const sectionRef = useRef<HTMLElement>(null);
  const deleteAll = useCallback(() => {
    // The focused block may be about to vanish; keep focus in the editor so the next key (Ctrl+Z) still lands.
    sectionRef.current?.querySelector<HTMLElement>('.editor-canvas')?.focus({ preventScroll: true });
    const edges = [...selectedEdges].map((id) => {
      const [from = '', to = ''] = id.split('->');
      return { from, to };
    });
    actions.removeSelected(edges);
    setSelectedEdges(new Set());
  }, [actions, selectedEdges]);
  const run = useCommand(actions, setConnectFrom, deleteAll);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (isTextTarget(e.target)) return;
    const edgeId = (e.target as HTMLElement).closest?.('.react-flow__edge')?.getAttribute('data-id') ?? null;
    if (edgeId !== null && (e.key === 'Enter' || e.key === ' ')) {
      // A focused connection: Enter selects it (alone), so Delete then removes just that connection.
      e.preventDefault();
      select([]);
      setSelectedEdges(new Set([edgeId]));
      return;
    }
    const nodeEl = (e.target as HTMLElement).closest?.('.react-flow__node');
    const nodeId = nodeEl?.getAttribute('data-id') ?? null;
    // Enter and Space on a button press it; only on a block do they mean "select".
    if (nodeId === null && (e.key === 'Enter' || e.key === ' ')) return;
    const cmd = commandFor(e, nodeId !== null);
    if (cmd === null) return;
    if (cmd.type === 'pick' || cmd.type === 'escape') setSelectedEdges(new Set());
    // Acting on a focused block that is not selected acts on that block: what the student sees focused.
    const acts = cmd.type === 'delete' || cmd.type === 'duplicate' || cmd.type === 'move';
    if (acts && nodeId !== null && !selection.includes(nodeId)) select([nodeId]);
    // Arrows scroll the page and Backspace may navigate back: the editor owns these keys here.
    e.preventDefault();
    run(cmd, nodeId);
  };

  const side = (
    <>
      {connectFrom !== null && !locked && <ConnectPanel from={connectFrom} onClose={() => setConnectFrom(null)} />}
      <Inspector disabled={locked} onConnectFrom={setConnectFrom} />
    </>
  );
  return (
    <section ref={sectionRef} className="panel graph-editor" aria-labelledby="editor-heading" onKeyDown={onKeyDown}
      data-locked={locked}>
      <header className="panel-header">
        <h2 id="editor-heading">{t('heading')}</h2>
      </header>
      <p className="muted editor-help">{t('help')}</p>
      {locked && <p className="notice" role="status">{t('locked')}</p>}
      <div className="editor-bar">
        <Toolbar actions={actions} onConnect={() => selection[0] !== undefined && setConnectFrom(selection[0])}
          showCost={showCost} setShowCost={setShowCost} onDelete={deleteAll} edgesSelected={selectedEdges.size > 0}
          onTidy={() => { actions.tidy(); setFitSignal((n) => n + 1); }} />
        <PaletteSheet disabled={locked} onAdd={actions.add} />
      </div>
      <NetworkIssues />
      <EditorStatus />
      <div className={`editor-body${sideSlot === undefined ? '' : ' side-detached'}`}>
        <ReactFlowProvider>
          <Canvas actions={actions} showCost={showCost} connectFrom={connectFrom}
            selectedEdges={selectedEdges} onSelectEdges={setSelectedEdges} fitSignal={fitSignal} />
        </ReactFlowProvider>
        {sideSlot === undefined ? <div className="editor-side">{side}</div> : sideSlot && createPortal(side, sideSlot)}
      </div>
    </section>
  );
}
