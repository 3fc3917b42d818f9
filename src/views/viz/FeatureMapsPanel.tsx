import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapStack } from '../../train/api/probeTypes';
import { globalScale, NORM_MODES, type NormMode } from '../../paint/normalise';
import { SaveButtons } from '../saveImage';
import { createFeatureMaps, type FeatureMaps, type MapSelection } from './featureMaps';
import { useProbeChannel, useOnScreen, useWantProbe } from './hooks';
import { createMapDetail, type MapDetail } from './mapDetail';
// Its own styles, whichever panel is opened first.
import './viz.css';

/** Feature maps of every block for the chosen input, with a normalisation choice and click-to-enlarge. */
export const FeatureMapsPanel = memo(function FeatureMapsPanel() {
  const { t, i18n } = useTranslation('viz');
  const channel = useProbeChannel();
  const [open, setOpen] = useState(true);
  const [mode, setMode] = useState<NormMode>('channel');
  const [selected, setSelected] = useState<MapSelection | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host);
  useWantProbe('activations', open && onScreen);
  const maps = useRef<FeatureMaps | null>(null);

  useEffect(() => {
    if (!host.current || !open) return undefined;
    maps.current = createFeatureMaps(host.current, channel, {
      mode: 'channel', selected: null, label: (s) => mapLabel(s, i18n.getFixedT(null, 'viz')), onSelect: setSelected,
    });
    return () => {
      maps.current?.destroy();
      maps.current = null;
    };
  }, [channel, i18n, open]);

  useEffect(() => {
    maps.current?.update({ mode, selected, label: (s) => mapLabel(s, t) });
  }, [mode, selected, t, open]);

  return (
    <details className="viz-sub" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-panel="feature-maps">
      <summary><h3>{t('maps.heading')}</h3></summary>
      <p className="hint">{t('maps.hint')}</p>
      <div className="viz-toolbar">
        <label>
          {t('maps.norm')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as NormMode)} data-testid="viz-norm">
            {NORM_MODES.map((m) => <option key={m} value={m}>{t(`maps.modes.${m}`)}</option>)}
          </select>
        </label>
        <SaveButtons target={host} name="feature-maps" />
      </div>
      {selected && <MapDetailView selection={selected} mode={mode} onClose={() => setSelected(null)} />}
      <div className="viz-canvas-host" ref={host} data-testid="feature-maps" />
    </details>
  );
});

export function mapLabel(s: MapStack, t: (key: string, opts: Record<string, unknown>) => string): string {
  if (s.height === 1 && s.channels === 1) {
    return s.width < s.fullWidth ? t('maps.labelVectorSome', { id: s.id, units: s.width, total: s.fullWidth })
      : t('maps.labelVector', { id: s.id, units: s.width });
  }
  if (s.height !== s.fullHeight || s.width !== s.fullWidth) return t('maps.labelResized', { ...s });
  if (s.channels < s.totalChannels) return t('maps.labelSome', { ...s, total: s.totalChannels });
  return t('maps.label', { ...s });
}

export const MapDetailView = memo(function MapDetailView({ selection, mode, onClose }:
  { selection: MapSelection; mode: NormMode; onClose: () => void }) {
  const { t, i18n } = useTranslation('viz');
  const channel = useProbeChannel();
  const canvas = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const detail = useRef<MapDetail | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!canvas.current || !readout.current) return undefined;
    const format = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 4 });
    detail.current = createMapDetail(canvas.current, readout.current, channel, {
      selection, mode, globalScale: () => globalScale(channel.latest?.activations ?? []),
      valueText: (x, y, value) => i18n.t('maps.hover', { ns: 'viz', x, y, value: format.format(value) }),
    });
    return () => {
      detail.current?.destroy();
      detail.current = null;
    };
    // Re-created only when the channel or language changes; selection and mode go through update().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, i18n, i18n.language]);

  useEffect(() => {
    detail.current?.update({ selection, mode });
  }, [selection, mode]);

  return (
    <div className="viz-detail" data-testid="feature-map-detail" ref={box}>
      <div className="viz-detail-head">
        <strong>{t('maps.detail', { id: selection.id, channel: selection.channel })}</strong>
        <SaveButtons target={box} name={`${selection.id}-channel-${selection.channel}`} />
        <button type="button" onClick={onClose}>{t('maps.close')}</button>
      </div>
      <canvas ref={canvas} className="viz-detail-canvas" />
      <output ref={readout} className="viz-readout" data-testid="feature-map-value" />
    </div>
  );
});
