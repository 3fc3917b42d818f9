// The one call the training loop makes for the probes, at each step boundary (session.ts). Kept here so
// the loop's file only gains a line.
import type { RunContext, Session } from '../session';

/** Takes a probe snapshot when one is due; `n` is the number of examples in the batch just trained. */
export async function probeStep(ctx: RunContext, session: Session, n: number): Promise<void> {
  const hub = ctx.probes;
  if (!hub) return;
  const { config } = hub;
  if (!config.activations && !config.filters && !config.gradients && !config.saliency) return;
  await hub.maybeProbe({
    runId: ctx.msg.runId,
    model: session.model,
    data: session.data,
    step: session.step,
    batch: { x: session.trainBuffers.x, y: session.trainBuffers.y, n },
    post: ctx.post,
    now: ctx.deps.now,
  });
}
