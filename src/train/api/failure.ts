// Why a run failed, as a code and the values its sentence needs: the worker sends these, and the UI says
// them in the user's language (i18n 'run' namespace, failure.<code>). The English `message` beside them is
// for the console and for errors nobody foresaw; `detail` is the underlying technical text.
export const FAILURE_CODES = [
  'tooLarge', 'hyperParams', 'dataset', 'validationSplit', 'backend', 'buildModel', 'workerFailed', 'workerSilent', 'unknown',
  'taskOutput',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export interface RunFailure {
  readonly code: FailureCode;
  readonly values: Readonly<Record<string, string | number>>;
}

/** An error that knows its failure code (thrown inside the worker, turned into the 'error' message's `failure`). */
export class FailureError extends Error {
  constructor(readonly failure: RunFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FailureError';
  }
}

/** The failure an error stands for: its own code, or 'unknown' with its text as the detail. */
export function failureOf(err: unknown): RunFailure {
  if (err instanceof FailureError) return err.failure;
  return { code: 'unknown', values: { detail: err instanceof Error ? err.message : String(err) } };
}
