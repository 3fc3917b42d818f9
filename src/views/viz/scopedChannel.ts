// A view of the probe channel narrowed to one block: the block detail pane hands it to the same feature-map
// and filter controllers that draw every block, so they draw just that block's maps and kernels.
import type { ProbeSnapshot } from '../../train/api/probeTypes';
import type { ProbeChannel } from '../../paint/probeChannel';

export function scopeChannel(channel: ProbeChannel, id: string): ProbeChannel {
  let source: ProbeSnapshot | null = null;
  let scoped: ProbeSnapshot | null = null;
  const scoped$ = Object.create(channel) as ProbeChannel;
  Object.defineProperty(scoped$, 'latest', {
    get(): ProbeSnapshot | null {
      const latest = channel.latest;
      if (latest !== source) {
        // Narrowed once per snapshot, so the controllers see the same arrays until a new snapshot comes.
        source = latest;
        scoped = latest && {
          ...latest,
          activations: latest.activations.filter((s) => s.id === id),
          filters: latest.filters.filter((k) => k.id === id),
          templates: latest.templates?.id === id ? latest.templates : null,
        };
      }
      return scoped;
    },
  });
  return scoped$;
}
