import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { SaveButtons } from '../saveImage';
import { useClassNames } from '../predict/hooks';
import { createFilters, type FiltersLabels, type FiltersView } from './filters';
import { useProbeChannel, useProbeValue, useOnScreen, useWantProbe } from './hooks';
// Its own styles, whichever panel is opened first.
import './viz.css';

function filterLabels(t: TFunction<'viz'>, classNames: readonly string[]): FiltersLabels {
  return {
    kernels: (k) => (k.outChannels < k.totalOut || k.inChannels < k.totalIn ? t('filters.kernelsSome', { ...k }) : t('filters.kernels', { ...k })),
    templates: (tp) => (tp.height === 1 && tp.channels === 1 ? t('filters.templatesFlat', { id: tp.id, units: tp.width }) : t('filters.templates', { ...tp })),
    className: (k) => classNames[k] ?? String(k),
  };
}

/** The kernels of every conv layer and the weights into each class, live while training. */
export const FiltersPanel = memo(function FiltersPanel() {
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const [open, setOpen] = useState(true);
  const host = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host);
  useWantProbe('filters', open && onScreen);
  const view = useRef<FiltersView | null>(null);
  const classes = useProbeValue((c) => c.latest?.probabilities.length ?? 10);
  const noConv = useProbeValue((c) => (c.latest ? c.latest.filters.length === 0 && c.latest.templates !== null : false));
  const classNames = useClassNames(classes);

  useEffect(() => {
    if (!host.current || !open) return undefined;
    view.current = createFilters(host.current, channel, filterLabels(t, classNames));
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // Labels go through update(); the canvas is made once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, open]);

  useEffect(() => {
    view.current?.update(filterLabels(t, classNames));
  }, [t, classNames, open]);

  return (
    <details className="viz-sub" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-panel="filters">
      <summary><h3>{t('filters.heading')}</h3></summary>
      <p className="hint">{t('filters.hint')}</p>
      <div className="viz-toolbar"><SaveButtons target={host} name="filters" /></div>
      {noConv && <p className="hint">{t('filters.none')}</p>}
      <div className="viz-canvas-host" ref={host} data-testid="filters" />
    </details>
  );
});
