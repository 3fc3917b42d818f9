// The one call the training loop makes for the probes, at each step boundary (session.ts). Kept here so
// the loop's file only gains a line.
import type * as tf from '@tensorflow/tfjs';
import type { RunContext, Session } from '../session';

/**
 * Takes a probe snapshot when one is due; `n` is the number of examples in the batch just trained.
 * Resolves true when a snapshot was posted.
 */
export async function probeStep(ctx: RunContext, session: Session, n: number, gradientNorms?: tf.Tensor1D): Promise<boolean> {
  const hub = ctx.probes;
  if (!hub) return false;
  const { config } = hub;
  if (!config.activations && !config.filters && !config.gradients && !config.saliency) return false;
  return hub.maybeProbe({
    runId: ctx.msg.runId,
    network: session.network,
    data: session.data,
    step: session.step,
    batch: { x: session.trainBuffers.x, y: session.trainBuffers.y, n },
    post: ctx.post,
    now: ctx.deps.now,
    ...(gradientNorms ? { gradientNorms } : {}),
  });
}
