// Presenter overlays: the key map (?), a blank screen (B) and a laser pointer (L) that follows the mouse. The
// laser's note and the full view's exit button sit in a row of their own below the regions (WorkspaceFoot),
// never over a chart's axis or a block.
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import { ACTION_LIST } from './actions';

const KeyMap = memo(function KeyMap({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('workspace');
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="key-map" role="dialog" aria-modal="true" aria-labelledby="key-map-heading"
      onKeyDown={(e) => { if (e.key === 'Escape' || e.key === '?') { e.preventDefault(); onClose(); } }}>
      <h2 id="key-map-heading">{t('keys.heading')}</h2>
      <dl>
        {ACTION_LIST.map((a) => (
          <div key={a.id} data-key-action={a.id}><dt><kbd>{a.keyLabel}</kbd></dt><dd>{t(a.labelKey)}</dd></div>
        ))}
      </dl>
      <button ref={close} type="button" onClick={onClose}>{t('keys.close')}</button>
    </div>
  );
});

const Laser = memo(function Laser() {
  const dot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Moved straight in the DOM: a pointer that follows the mouse must not re-render React.
    const move = (e: PointerEvent) => {
      if (dot.current) dot.current.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
    };
    window.addEventListener('pointermove', move);
    return () => window.removeEventListener('pointermove', move);
  }, []);
  return <div ref={dot} className="laser-dot" data-testid="laser" aria-hidden="true" />;
});

/** The row below the regions: the laser's note and the way out of full view, when there are any. */
export const WorkspaceFoot = memo(function WorkspaceFoot() {
  const { t } = useTranslation('workspace');
  const laser = useApp((s) => s.laser);
  const fullView = useApp((s) => s.fullView);
  const setOverlay = useApp((s) => s.setOverlay);
  if (!laser && fullView === null) return null;
  return (
    <div className="ws-foot">
      {laser && <p className="laser-note" role="status">{t('laserOn')}</p>}
      {fullView !== null && (
        <button type="button" className="exit-full" data-action="exit-full" onClick={() => setOverlay({ fullView: null })}>
          {t('exitFull')}
        </button>
      )}
    </div>
  );
});

export const Overlays = memo(function Overlays() {
  const { t } = useTranslation('workspace');
  const blank = useApp((s) => s.blank);
  const keyMap = useApp((s) => s.keyMap);
  const laser = useApp((s) => s.laser);
  const setOverlay = useApp((s) => s.setOverlay);
  return (
    <>
      {laser && <Laser />}
      {keyMap && <KeyMap onClose={() => setOverlay({ keyMap: false })} />}
      {blank && (
        <div className="blank-screen" data-testid="blank" role="status" onClick={() => setOverlay({ blank: false })}>
          <span>{t('blank')}</span>
        </div>
      )}
    </>
  );
});
