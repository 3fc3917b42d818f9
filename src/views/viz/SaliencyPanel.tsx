import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { SaveButtons } from '../saveImage';
import { useClassNames } from '../predict/hooks';
import { useProbeChannel, useProbeValue, useOnScreen, useWantProbe } from './hooks';
import { createSaliencyView, type SaliencyLabels, type SaliencyView } from './saliencyView';
// Its own styles, whichever panel is opened first.
import './viz.css';

const labelsOf = (t: TFunction<'viz'>): SaliencyLabels => ({
  input: t('saliency.input'), saliency: t('saliency.saliency'), gradCam: (layer) => t('saliency.gradCam', { layer: layer ?? '' }),
});

/** Gradient saliency and Grad-CAM of the predicted class for the chosen input. */
export const SaliencyPanel = memo(function SaliencyPanel() {
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const [open, setOpen] = useState(true);
  const host = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host);
  useWantProbe('saliency', open && onScreen);
  const view = useRef<SaliencyView | null>(null);
  const classIndex = useProbeValue((c) => c.latest?.saliency?.classIndex ?? null);
  const noCam = useProbeValue((c) => (c.latest?.saliency ? c.latest.saliency.gradCam === null : false));
  const classNames = useClassNames(useProbeValue((c) => c.latest?.probabilities.length ?? 10));

  useEffect(() => {
    if (!host.current || !open) return undefined;
    view.current = createSaliencyView(host.current, channel, labelsOf(t));
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, open]);

  useEffect(() => {
    view.current?.update(labelsOf(t));
  }, [t, open]);

  return (
    <details className="viz-sub" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-panel="saliency">
      <summary><h3>{t('saliency.heading')}</h3></summary>
      <p className="hint">
        {classIndex === null ? t('saliency.hintNone') : t('saliency.hint', { label: classNames[classIndex] ?? String(classIndex) })}
      </p>
      <div className="viz-toolbar"><SaveButtons target={host} name="saliency" /></div>
      {noCam && <p className="hint">{t('saliency.noCam')}</p>}
      <div className="viz-canvas-host" ref={host} data-testid="saliency" />
    </details>
  );
});
