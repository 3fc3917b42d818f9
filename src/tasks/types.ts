// What a network's output means, on the pure side: the task. Classification (one class per image) is the
// only one today; a class per pixel (segmentation) or boxes (detection) add a task module here and its
// tfjs side in src/train/tasks/, rather than branches through the engine and the exporters.
export interface TaskModule {
  readonly id: string;
  /** What one example's target is: a class index per image ('class'), per pixel, or boxes later. */
  readonly target: 'classPerImage';
  /** The metrics training reports, in the order the worker returns them (i18n: run.metric.<name>). */
  readonly metrics: readonly string[];
  /** The export head: how the exported code trains and predicts with this task's output. */
  readonly pytorch: {
    /** A loss module for train.py, taking the network's raw output and the targets. */
    readonly loss: string;
    /** The body of predict_proba(self, x): probabilities from the raw output. */
    readonly predict: string;
  };
  readonly keras: {
    /** model.compile's loss and metrics arguments. */
    readonly loss: string;
    readonly metrics: string;
  };
}
