// A saved project: the experiment (network, dataset, hyper-parameters), the trained weights, the curves of
// its runs and lesson progress. Plain data, stored as is in IndexedDB and as one zip file on disk.
import type { WeightList } from '../codegen/weights';
import type { DataShape } from '../model/spec';
import type { Experiment } from '../store/linkState';

export const PROJECT_FORMAT = 'cnn-playground-project';
/** 2: epoch records carry validation results, speed and time (the epoch table); version 1 files still open. */
export const PROJECT_VERSION = 2;

/** One epoch's record, as the epoch table shows it (version 1 files have only the first three fields). */
export interface RunEpoch {
  readonly epoch: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly validationLoss?: number;
  readonly validationAccuracy?: number;
  readonly imagesPerSecond?: number;
  readonly seconds?: number;
}

/** One run's curves: per-step loss and accuracy (downsampled when long), and the record of each epoch. */
export interface RunCurve {
  readonly label: string;
  readonly step: readonly number[];
  readonly loss: readonly number[];
  readonly accuracy: readonly number[];
  readonly epochs: readonly RunEpoch[];
}

export interface Project {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since 1970 (Date.now()). */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly experiment: Experiment;
  /** The input shape and classes the weights were trained for (own image sets differ from the built-in ones). */
  readonly dataShape: DataShape;
  /** TensorFlow.js names and layouts (src/codegen/weights.ts); null before training. */
  readonly weights: WeightList | null;
  /** Every run of the project, oldest first: the latest is the one whose weights these are. */
  readonly runs: readonly RunCurve[];
  /** The last epoch's test accuracy of the latest run, for the list; null before training. */
  readonly testAccuracy: number | null;
  /** Lesson progress, opaque here (the lessons own its shape); any JSON value. */
  readonly lessonProgress: unknown;
}

/** What the project list shows without loading weights. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly updatedAt: number;
  readonly testAccuracy: number | null;
  /** Bytes of weights (what deleting the project frees, roughly). */
  readonly weightBytes: number;
}

export const summarize = (p: Project): ProjectSummary => ({
  id: p.id, name: p.name, updatedAt: p.updatedAt, testAccuracy: p.testAccuracy,
  weightBytes: (p.weights ?? []).reduce((n, w) => n + w.values.byteLength, 0),
});

/** What can be wrong with a project file, with the values its sentence uses (i18n 'project' namespace, problem.<code>). */
export const PROJECT_PROBLEMS = {
  tooLarge: ['size', 'limit'],
  notAZip: [],
  unexpectedEntry: ['name'],
  entryTooLarge: ['name', 'size', 'limit'],
  missingEntry: ['name'],
  badJson: [],
  forbiddenKey: ['key'],
  notAProject: [],
  futureVersion: ['version'],
  badField: ['where'],
  textTooLong: ['where', 'limit'],
  badNetwork: ['detail'],
  weightsMismatch: ['detail'],
  weightsNotFinite: ['name'],
} as const satisfies Record<string, readonly string[]>;

export type ProjectProblemCode = keyof typeof PROJECT_PROBLEMS;

export class ProjectFileError extends Error {
  constructor(readonly code: ProjectProblemCode, readonly values: Readonly<Record<string, string | number>> = {}) {
    super(`Project file refused: ${code} ${JSON.stringify(values)}`);
    this.name = 'ProjectFileError';
  }
}
