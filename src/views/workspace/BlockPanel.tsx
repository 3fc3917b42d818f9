import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import { BlockDetail } from './BlockDetail';
import { WorkspaceContext } from './context';

/**
 * The block detail pane: the editor's inspector and connect list (rendered here by the editor through a
 * portal, so its keyboard handling stays the editor's), then the block's maps, filters, gradient, arithmetic.
 */
export function BlockPanel() {
  const { t } = useTranslation('workspace');
  const { setBlockSlot } = useContext(WorkspaceContext);
  const block = useApp((s) => (s.selection.length === 1 ? (s.spec.blocks.find((b) => b.id === s.selection[0]) ?? null) : null));
  return (
    <div className="block-panel">
      {block ? <BlockDetail key={block.id} block={block} /> : <p className="hint block-none">{t('block.none')}</p>}
      <div className="block-slot" ref={setBlockSlot} />
    </div>
  );
}
