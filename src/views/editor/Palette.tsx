// Block kinds to add: each is a button (click or Enter adds after the selected block, connected) and a drag
// source (drop on the canvas to place the block freely, unconnected).
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { BLOCK_MODULES } from '../../blocks/registry';
import type { BlockKind } from '../../model/spec';

export const PALETTE_MIME = 'application/x-cnnp-block';

/** In the registry's order (as a network usually reads); the input block is not offered: a network has exactly one. */
export const PALETTE_KINDS: readonly BlockKind[] = BLOCK_MODULES.filter((m) => m.role !== 'input').map((m) => m.kind);

interface Props {
  readonly disabled: boolean;
  readonly onAdd: (kind: BlockKind) => void;
}

export const Palette = memo(function Palette({ disabled, onAdd }: Props) {
  const { t } = useTranslation('editor');
  return (
    <nav className="editor-palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading">{t('palette.heading')}</h2>
      {/* Focusable: in the workspace the row scrolls sideways, and while training its buttons are disabled. */}
      <ul tabIndex={0} aria-labelledby="palette-heading">
        {PALETTE_KINDS.map((kind) => {
          const name = t(`kind.${kind}`, { ns: 'model', defaultValue: kind });
          return (
            <li key={kind}>
              <button type="button" data-palette={kind} disabled={disabled} draggable={!disabled}
                title={t('palette.add', { kind: name })}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(kind)}>
                {name}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
});
