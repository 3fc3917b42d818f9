// The palette where there is room for it in the strip's bar; on a phone, a sheet opened by one button (the
// palette's row would have no width there). A block tapped in the sheet is added and the sheet closes, so the
// student sees it arrive in the network.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockKind } from '../../model/spec';
import { Palette } from './Palette';

export function PaletteSheet({ disabled, onAdd }: { disabled: boolean; onAdd: (kind: BlockKind) => void }) {
  const { t } = useTranslation('workspace');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="palette-open" data-action="palette-open" aria-expanded={open} disabled={disabled}
        onClick={() => setOpen(!open)}>{t('paletteOpen')}</button>
      <div className="palette-sheet" data-open={open || undefined}>
        <Palette disabled={disabled} onAdd={(kind) => {
          onAdd(kind);
          setOpen(false);
        }} />
        <button type="button" className="palette-close" data-action="palette-close" onClick={() => setOpen(false)}>{t('paletteClose')}</button>
      </div>
    </>
  );
}
