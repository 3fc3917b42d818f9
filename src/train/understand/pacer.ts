// Understanding jobs share the worker with training. While a run trains, a job works in slices that fit in
// JOB_BUDGET.sliceMs and rests between them so that it takes at most JOB_BUDGET.share of the wall time: the
// budget the live probes keep (probes/hub.ts: maps and filters at most 4% of the worker's time, at most
// every 200 ms). While paused, or after the run, a job takes whole batches and only yields to the event loop
// between them, so newer messages still get in.

/** Share of wall time a job may take while a run trains, and the longest slice it may work without yielding. */
export const JOB_BUDGET = { share: 0.04, sliceMs: 8 } as const;

export interface Budget {
  readonly share: number;
  readonly sliceMs: number;
}

export interface PacerClock {
  readonly now: () => number;
  /** Resolves after `ms` (a macrotask even for 0, so other work runs first). */
  readonly sleep: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Items the next slice should take, 1 to `most`: while training, as many as fit in the slice time at the cost measured so far. */
  size(most: number): number;
  /** Ends the slice begun at the last rest (or at the start): measures its cost per item, then yields as the budget asks. */
  rest(items: number): Promise<void>;
}

// A rest is taken in pieces, so a run paused meanwhile lets the job go on at once.
const REST_PIECE_MS = 50;

export function createPacer(clock: PacerClock, training: () => boolean, budget: Budget = JOB_BUDGET): Pacer {
  let perItem = 0; // ms; 0 until the first slice is measured
  let sliceStart = clock.now();
  return {
    size(most) {
      if (!training()) return most;
      // The first slice measures one item; later ones take what fits.
      if (perItem <= 0) return 1;
      return Math.max(1, Math.min(most, Math.floor(budget.sliceMs / perItem)));
    },
    async rest(items) {
      const cost = clock.now() - sliceStart;
      if (items > 0) perItem = Math.max(cost / items, 1e-6);
      // A slice of cost c followed by a rest of c (1 - share) / share takes `share` of the time in between.
      let owed = training() ? (cost * (1 - budget.share)) / budget.share : 0;
      do {
        const piece = Math.min(owed, REST_PIECE_MS);
        const before = clock.now();
        await clock.sleep(piece);
        owed -= Math.max(piece, clock.now() - before);
      } while (owed > 0 && training());
      sliceStart = clock.now();
    },
  };
}
