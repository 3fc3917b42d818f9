// Connecting with the keyboard: the source is chosen (C on a selected block, or the toolbar / inspector
// button), then a list of the other blocks; arrow keys walk it, Enter connects. A refused connection says why
// here and on the target block, and the list stays open to try another.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roleOf } from '../../blocks/registry';
import { connectMessageKey } from '../../model/connect';
import { useApp } from '../AppContext';

interface Props {
  readonly from: string;
  readonly onClose: () => void;
}

export function ConnectPanel({ from, onClose }: Props) {
  const { t } = useTranslation('editor');
  const blocks = useApp((s) => s.spec.blocks);
  const refusal = useApp((s) => s.refusal);
  const connectBlocks = useApp((s) => s.connectBlocks);
  const select = useApp((s) => s.select);
  const listRef = useRef<HTMLUListElement>(null);
  const targets = blocks.filter((b) => b.id !== from && roleOf(b.kind) !== 'input');

  useEffect(() => {
    listRef.current?.querySelector('button')?.focus();
  }, [from]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    e.stopPropagation();
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length];
    next?.focus();
  };

  const shownRefusal = refusal?.from === from ? refusal : null;
  return (
    <div className="connect-panel" role="dialog" aria-labelledby="connect-heading" onKeyDown={onKeyDown}>
      <h3 id="connect-heading">{t('connect.heading', { from })}</h3>
      <p className="muted">{t('connect.hint', { from })}</p>
      <ul ref={listRef}>
        {targets.map((b) => (
          <li key={b.id}>
            <button type="button" data-connect-target={b.id} onClick={() => {
              const result = connectBlocks(from, b.id);
              if (result?.ok) {
                select([b.id]);
                onClose();
              }
            }}>
              {t('connect.target', { id: b.id, kind: t(`kind.${b.kind}`, { ns: 'model', defaultValue: b.kind }) })}
            </button>
          </li>
        ))}
      </ul>
      {shownRefusal && (
        <p className="issue error" role="alert" data-code={shownRefusal.code}>
          {t('refused', {
            from, reason: t(connectMessageKey(shownRefusal.code), { ns: 'model', ...shownRefusal.values, defaultValue: shownRefusal.code }),
          })}
        </p>
      )}
      <button type="button" onClick={onClose}>{t('connect.cancel')}</button>
    </div>
  );
}
