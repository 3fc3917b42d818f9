// What the divergence notice says, as data: the message key (in the 'run' namespace) and its values. A loss that
// spiked and came back down is not described as one that stayed high.
import type { Divergence } from '../../train/api/protocol';

const num = (x: number | null) => (x === null ? '?' : Number(x.toPrecision(3)).toString());

export interface DivergenceWording {
  readonly key: 'diverged.nan' | 'diverged.exploding' | 'diverged.spiked';
  readonly values: Readonly<Record<string, string | number>>;
}

export function divergenceWording(d: Divergence): DivergenceWording {
  const values = {
    step: d.step, epoch: d.epoch, loss: num(d.loss), start: num(d.startLoss), rate: num(d.learningRate),
    suggested: num(d.suggestedLearningRate),
    peak: num(d.fellBack?.peakLoss ?? null), peakStep: d.fellBack?.peakStep ?? '?', recent: num(d.fellBack?.recentLoss ?? null),
  };
  const key = d.kind === 'nan' ? 'diverged.nan' : d.fellBack ? 'diverged.spiked' : 'diverged.exploding';
  return { key, values };
}
