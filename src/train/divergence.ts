// The divergence guard: stops a run whose loss has become NaN / infinite, or whose running average has stayed
// far above where it started. A too-large learning rate need not give NaN: the loss can sit far above where it
// started, confidently wrong, for as long as the run goes on. A huge spike can also hold the average up after
// the loss itself fell back; the report then says that, not that the loss stayed high.
import type { Divergence } from './api/protocol';

/** Thrown when the guard trips: the weights have blown up and training cannot recover by itself. */
export class DivergenceError extends Error {
  constructor(readonly divergence: Divergence) {
    super(divergenceText(divergence));
    this.name = 'DivergenceError';
  }
}

/** The English sentence for logs and the 'error' message; the UI words it from the 'diverged' message. */
export function divergenceText(d: Divergence): string {
  const where = `at step ${d.step} (epoch ${d.epoch})`;
  const cause = d.kind === 'nan'
    ? `the loss became NaN or infinite ${where}`
    : d.fellBack
      ? `the loss jumped to ${fmt(d.fellBack.peakLoss)} at step ${d.fellBack.peakStep}, from ${fmt(d.startLoss)} at the start; ` +
        `it came back down to ${fmt(d.fellBack.recentLoss)} ${where}, but its running average stayed far above the start`
      : `the loss rose to ${fmt(d.loss)} ${where}, from ${fmt(d.startLoss)} at the start, and stayed there`;
  const advice = d.suggestionTested
    ? `A short test on a few batches trained at ${fmt(d.suggestedLearningRate)}: try that.`
    : `Try a lower learning rate, such as ${fmt(d.suggestedLearningRate)}.`;
  return `Training diverged: ${cause}. ${advice}`;
}

/** Raw losses averaged to judge where the loss is now (a few batches: one noisy batch does not decide). */
const RECENT = 10;

const fmt = (x: number | null) => (x === null ? '?' : Number(x.toPrecision(3)).toString());

export interface GuardOptions {
  readonly numClasses: number;
  /** Steps the loss is averaged over (exponential moving average span). */
  readonly span?: number;
  /** Consecutive steps the smoothed loss must stay above the threshold. */
  readonly patience?: number;
}

/**
 * Watches the per-step loss. "Exploding" means: the smoothed loss stays above max(3 x ln(classes),
 * 2 x the first step's loss) for `patience` steps. The first loss is measured before any update, so it
 * is the initial weights' own; ln(classes) is the loss of guessing uniformly. A run that starts badly (a
 * large-weight initialisation) is judged against its own start: stopped for getting worse, not for
 * starting high. A too-large rate can blow a run up within two or three steps, so no longer start window.
 */
export class DivergenceGuard {
  private readonly alpha: number;
  private readonly patience: number;
  private readonly chanceLoss: number;
  private ema: number | null = null;
  private startLoss: number | null = null;
  private above = 0;
  /** The highest single-step loss of the current stretch above the threshold, and its step. */
  private peak = { loss: -Infinity, step: 0 };
  /** The last few raw losses (a ring), to tell a loss that stayed high from one that spiked and fell back. */
  private readonly recent: number[] = [];

  constructor(options: GuardOptions) {
    this.patience = options.patience ?? 50;
    this.alpha = 2 / ((options.span ?? 20) + 1);
    this.chanceLoss = Math.log(Math.max(2, options.numClasses));
  }

  /** The divergence this step reveals, or null while all is well. */
  observe(step: number, epoch: number, loss: number, learningRate: number): Divergence | null {
    const suggestedLearningRate = learningRate / 10;
    if (!Number.isFinite(loss)) {
      return { kind: 'nan', step, epoch, loss: null, startLoss: this.startLoss, learningRate, suggestedLearningRate };
    }
    if (this.startLoss === null || this.ema === null) {
      this.startLoss = loss;
      this.ema = loss;
      return null;
    }
    this.ema += this.alpha * (loss - this.ema);
    this.recent.push(loss);
    if (this.recent.length > RECENT) this.recent.shift();
    const threshold = Math.max(3 * this.chanceLoss, 2 * this.startLoss);
    this.above = this.ema > threshold ? this.above + 1 : 0;
    if (this.above === 0) this.peak = { loss: -Infinity, step: 0 };
    else if (loss > this.peak.loss) this.peak = { loss, step };
    if (this.above < this.patience) return null;
    const divergence: Divergence = { kind: 'exploding', step, epoch, loss: this.ema, startLoss: this.startLoss, learningRate, suggestedLearningRate };
    // A spike large enough keeps the running average up long after the loss itself came back down: say so.
    const recentLoss = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    if (recentLoss > threshold) return divergence;
    return { ...divergence, fellBack: { peakLoss: this.peak.loss, peakStep: this.peak.step, recentLoss } };
  }
}
