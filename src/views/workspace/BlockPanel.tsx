import { useContext, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import { BlockDetail } from './BlockDetail';
import { WorkspaceContext } from './context';

/**
 * The block detail pane: the editor's inspector and connect list first (rendered here by the editor through a
 * portal, so its keyboard handling stays the editor's), then the block's maps, filters, gradient, arithmetic.
 * The settings come first because selecting a block is how a student changes it: below the maps and the
 * animated arithmetic they were some 1,700 px down the pane.
 */
export function BlockPanel() {
  const { t } = useTranslation('workspace');
  const { setBlockSlot } = useContext(WorkspaceContext);
  const block = useApp((s) => (s.selection.length === 1 ? (s.spec.blocks.find((b) => b.id === s.selection[0]) ?? null) : null));
  const top = useRef<HTMLDivElement>(null);
  // Another block selected: its pane opens at its settings, not where the previous block's maps were scrolled to.
  useLayoutEffect(() => {
    const body = top.current?.closest('.side-body');
    if (body) body.scrollTop = 0;
  }, [block?.id]);
  return (
    <div className="block-panel" ref={top}>
      {!block && <p className="hint block-none">{t('block.none')}</p>}
      <div className="block-slot" ref={setBlockSlot} />
      {block && <BlockDetail key={block.id} block={block} />}
    </div>
  );
}
