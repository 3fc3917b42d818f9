// The commands the UI can give a running run, as the training loop sees them: flags it reads at every
// checkpoint, and a promise that a paused loop awaits until resume or stop.

/** A macrotask without setTimeout's 4 ms clamp for nested timers. */
export function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Thrown at a checkpoint once the run has been asked to stop. */
export class RunStopped extends Error {}

/** The UI's commands for one run; the loop looks at them at every checkpoint. */
export class RunControl {
  stopRequested = false;
  paused = false;
  /** Batches asked for by 'step' while paused and not yet taken. */
  pendingSteps = 0;
  /** A base learning rate set while running ('set-lr'); null = the one the run started with. */
  learningRate: number | null = null;
  private wake: (() => void) | null = null;
  private readonly stopListeners = new Set<() => void>();

  constructor(readonly id: number) {}

  /** One more batch while paused; ignored while running (a step is then already under way). */
  step(): void {
    if (!this.paused) return;
    this.pendingSteps += 1;
    this.wake?.();
    this.wake = null;
  }

  /** Takes one pending step, if any (the training loop calls this before a paused batch). */
  takeStep(): boolean {
    if (this.pendingSteps === 0) return false;
    this.pendingSteps -= 1;
    return true;
  }

  setLearningRate(rate: number): void {
    if (rate > 0 && Number.isFinite(rate)) this.learningRate = rate;
  }

  /** `work`'s result, or RunStopped as soon as a stop arrives, whichever comes first. */
  unlessStopped<T>(work: Promise<T>): Promise<T> {
    if (this.stopRequested) return Promise.reject(new RunStopped());
    return new Promise<T>((resolve, reject) => {
      const onStop = () => reject(new RunStopped());
      this.stopListeners.add(onStop);
      const settle = () => this.stopListeners.delete(onStop);
      work.then(
        (value) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          reject(err);
        },
      );
    });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pendingSteps = 0;
    this.wake?.();
    this.wake = null;
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
    for (const listener of this.stopListeners) listener();
    this.stopListeners.clear();
  }

  untilResumed(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}
