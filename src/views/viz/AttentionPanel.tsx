import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorBoundary } from '../ErrorBoundary';
import { SaveButtons } from '../saveImage';
import { StaleNote } from '../StaleNote';
import { createAttentionView, type AttentionLabels } from './attentionView';
import type { CanvasView } from './channelCanvas';
import { useOnScreen, useProbeChannel, useProbeValue, useWantProbe } from './hooks';
import { InputPicker } from './InputPicker';
import { createPositionView } from './positionView';
import './viz.css';

const labelsOf = (t: TFunction<'viz'>): AttentionLabels => ({
  head: (n) => t('attention.head', { n }), input: t('attention.input'), rollout: t('attention.rollout'),
});

/** One canvas view on the probe channel, made while its section is open and fed by the channel alone. */
function useCanvasView<L>(host: React.RefObject<HTMLDivElement | null>, open: boolean, make: (el: HTMLElement) => CanvasView<L>, labels: L) {
  const channel = useProbeChannel();
  const view = useRef<CanvasView<L> | null>(null);
  useEffect(() => {
    if (!host.current || !open) return undefined;
    view.current = make(host.current);
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // Labels go through update(); the canvas is made once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, open]);
  useEffect(() => view.current?.update(labels), [labels, open]);
}

/** A vision transformer's attention maps and position-embedding similarity for the chosen input, live while training. */
export const AttentionPanel = memo(function AttentionPanel() {
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const [open, setOpen] = useState(true);
  const [positionsOpen, setPositionsOpen] = useState(true);
  const host = useRef<HTMLDivElement>(null);
  const positionsHost = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host);
  const positionsOnScreen = useOnScreen(positionsHost);
  useWantProbe('attention', (open && onScreen) || (positionsOpen && positionsOnScreen));
  const state = useProbeValue((c) => (c.latest === null ? 'waiting' : c.latest.attention ? 'drawn' : 'none'));
  const positions = useProbeValue((c) => (c.latest === null ? 'waiting' : c.latest.positions ? 'drawn' : 'none'));
  const [labels, setLabels] = useState(() => labelsOf(t));
  const [positionLabel, setPositionLabel] = useState(() => t('attention.positionsLabel'));
  useEffect(() => {
    setLabels(labelsOf(t));
    setPositionLabel(t('attention.positionsLabel'));
  }, [t]);
  useCanvasView(host, open, (el) => createAttentionView(el, channel, labels), labels);
  useCanvasView(positionsHost, positionsOpen, (el) => createPositionView(el, channel, positionLabel), positionLabel);

  return (
    <section className="panel viz-panel" aria-labelledby="attention-heading" data-panel="attention">
      <h2 id="attention-heading">{t('attention.heading')}</h2>
      {state !== 'waiting' && <StaleNote />}
      <ErrorBoundary><InputPicker /></ErrorBoundary>
      <details className="viz-sub" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary><h3>{t('attention.heading')}</h3></summary>
        <p className="hint">{t('attention.hint')}</p>
        {state === 'waiting' && <p className="viz-waiting" role="status">{t('attention.waiting')}</p>}
        {state === 'none' && <p className="hint" role="status">{t('attention.none')}</p>}
        <div className="viz-toolbar"><SaveButtons target={host} name="attention" /></div>
        <div className="viz-canvas-host" ref={host} data-testid="attention" />
      </details>
      <details className="viz-sub" open={positionsOpen} onToggle={(e) => setPositionsOpen(e.currentTarget.open)}>
        <summary><h3>{t('attention.positionsHeading')}</h3></summary>
        <p className="hint">{t('attention.positionsHint')}</p>
        {positions === 'none' && <p className="hint" role="status">{t('attention.positionsNone')}</p>}
        <div className="viz-toolbar"><SaveButtons target={positionsHost} name="positions" /></div>
        <div className="viz-canvas-host" ref={positionsHost} data-testid="positions" />
      </details>
    </section>
  );
});
