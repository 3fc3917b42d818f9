// The selected block, large, beside the network: its feature maps with hover values and click-to-enlarge,
// its filters, its gradient and update ratio, and the convolution arithmetic animated with its own numbers.
// The maps and filters are the same controllers as the maps panel, fed a channel narrowed to this block.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlockSpec } from '../../model/spec';
import { ArithView } from '../arith/ArithView';
import { TransposeArith } from '../arith/TransposeArith';
import { blockModuleOf } from '../../blocks/registry';
import { hasWindow } from '../arith/useArithScene';
import { ErrorBoundary } from '../ErrorBoundary';
import { createFeatureMaps, type FeatureMaps, type MapSelection } from '../viz/featureMaps';
import { mapLabel, MapDetailView } from '../viz/FeatureMapsPanel';
import { createFilters, type FiltersView } from '../viz/filters';
import { useOnScreen, useProbeChannel, useProbeValue, useWantBlocks, useWantProbe } from '../viz/hooks';
import { scopeChannel } from '../viz/scopedChannel';

const BlockMaps = memo(function BlockMaps({ id }: { id: string }) {
  const { t, i18n } = useTranslation('workspace');
  const channel = useProbeChannel();
  const scoped = useMemo(() => scopeChannel(channel, id), [channel, id]);
  const host = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host, '0px');
  const ids = useMemo(() => [id], [id]);
  // This block's maps only: the strip asks for its own visible blocks, the maps panel for every block.
  useWantBlocks(ids, onScreen);
  const [selected, setSelected] = useState<MapSelection | null>(null);
  const has = useProbeValue((c) => c.latest?.activations.some((s) => s.id === id) ?? false);
  const maps = useRef<FeatureMaps | null>(null);
  useEffect(() => {
    if (!host.current) return undefined;
    const tv = i18n.getFixedT(null, 'viz');
    maps.current = createFeatureMaps(host.current, scoped, { mode: 'channel', selected: null, label: (s) => mapLabel(s, tv), onSelect: setSelected });
    return () => {
      maps.current?.destroy();
      maps.current = null;
    };
  }, [scoped, i18n, i18n.language]);
  useEffect(() => {
    maps.current?.update({ selected });
  }, [selected]);
  return (
    <section className="block-maps" aria-label={t('block.maps')}>
      <h3>{t('block.maps')}</h3>
      <p className="hint">{has ? t('block.mapsHint') : t('block.noMaps')}</p>
      {selected && <MapDetailView selection={selected} mode="channel" onClose={() => setSelected(null)} />}
      <div className="viz-canvas-host" ref={host} data-testid="block-maps" />
    </section>
  );
});

const BlockFilters = memo(function BlockFilters({ id }: { id: string }) {
  const { t } = useTranslation('workspace');
  const { t: tv } = useTranslation('viz');
  const channel = useProbeChannel();
  const scoped = useMemo(() => scopeChannel(channel, id), [channel, id]);
  const host = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(host, '0px');
  useWantProbe('filters', onScreen);
  useEffect(() => {
    if (!host.current) return undefined;
    const view: FiltersView = createFilters(host.current, scoped, {
      kernels: (k) => tv('filters.kernels', { ...k }), templates: (tp) => tv('filters.templates', { ...tp }), className: String,
    });
    return () => view.destroy();
  }, [scoped, tv]);
  return (
    <section className="block-filters">
      <h3>{t('block.filters')}</h3>
      <div className="viz-canvas-host" ref={host} data-testid="block-filters" />
    </section>
  );
});

const BlockGradient = memo(function BlockGradient({ id }: { id: string }) {
  const { t, i18n } = useTranslation('workspace');
  useWantProbe('gradients', true);
  const format = (v: number) => new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 3, notation: 'scientific' }).format(v);
  const text = useProbeValue((c) => {
    const g = c.latest?.gradients;
    const i = g ? g.ids.indexOf(id) : -1;
    if (!g || i < 0) return null;
    return `${g.gradNorm[i] ?? Number.NaN}|${g.updateRatio[i] ?? Number.NaN}`;
  });
  const [norm, ratio] = (text ?? '').split('|').map(Number);
  return (
    <section className="block-gradient">
      <h3>{t('block.gradient')}</h3>
      {text === null ? <p className="hint">{t('block.noGradient')}</p> : (
        <dl className="block-numbers">
          <dt>{t('block.gradNorm')}</dt><dd data-testid="block-grad-norm">{format(norm ?? Number.NaN)}</dd>
          <dt>{t('block.updateRatio')}</dt><dd data-testid="block-update-ratio">{format(ratio ?? Number.NaN)}</dd>
        </dl>
      )}
    </section>
  );
});

/** Everything about one block; the inspector (settings, formulas with its numbers) follows it in the pane. */
export const BlockDetail = memo(function BlockDetail({ block }: { block: BlockSpec }) {
  const { t } = useTranslation('workspace');
  return (
    <div className="block-detail" data-block={block.id}>
      <ErrorBoundary><BlockMaps id={block.id} /></ErrorBoundary>
      {blockModuleOf(block.kind)?.kernelView === true && <ErrorBoundary><BlockFilters id={block.id} /></ErrorBoundary>}
      <ErrorBoundary><BlockGradient id={block.id} /></ErrorBoundary>
      <section className="block-arith">
        <h3>{t('block.arith')}</h3>
        {block.kind === 'convtranspose2d' && <ErrorBoundary><TransposeArith id={block.id} /></ErrorBoundary>}
        {hasWindow(block.kind) ? <ErrorBoundary><ArithView /></ErrorBoundary> : block.kind !== 'convtranspose2d' && <p className="hint">{t('block.noArith')}</p>}
      </section>
    </div>
  );
});
