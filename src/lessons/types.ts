// Lessons as plain data (pure: no React, no tfjs, no store). A lesson is a list of steps; each step has its
// text in both languages (the Text type makes a missing one a compile error), an optional formula (TeX,
// typeset by the view), a setup the panel applies to the app, a task checked by a pure predicate over the
// app's state and the results of runs, hints, and optionally a question to answer before the reveal.
import type { Kernel, PaddingMode } from '../kernelLab/convolve';
import type { ModelAnalysis } from '../model/analysis';
import type { ModelSpec } from '../model/spec';
import type { Divergence, EpochResult, HyperParams } from '../train/api/protocol';

/** Text in every language of the UI: leaving one out does not compile. */
export interface Text {
  readonly en: string;
  readonly ko: string;
}

/** The parts of the page a step can point at (each carries data-panel in the DOM). */
export type PanelId =
  | 'kernelLab' | 'learnKernel' | 'initLab' | 'editor' | 'summary' | 'arith' | 'training' | 'curves' | 'gradients'
  | 'featureMaps' | 'filters' | 'saliency' | 'results' | 'understand' | 'compare';

/**
 * Parts of the workspace a step can hide while it is open, so the lesson's own tool has the room and nothing
 * unrelated invites a click: the top bar's run controls (and step counter), its dataset / preset / backend
 * pickers, the network strip, the loss chart, and the side panel's tabs other than the lessons one.
 */
export type HiddenPart = 'runControls' | 'pickers' | 'network' | 'chart' | 'otherPanels';

/** What a check may read of the app (the store's state satisfies it). */
export interface LessonAppState {
  readonly spec: ModelSpec;
  readonly analysis: ModelAnalysis;
  readonly hyper: HyperParams;
  readonly datasetId: string;
  readonly presetId: string;
  readonly studyPreset: string | null;
  readonly validationFraction: number;
  readonly phase: string;
  readonly epochs: readonly EpochResult[];
  readonly divergence: Divergence | null;
  /** The workspace's side panel in front (panels.ts id). */
  readonly panel: string;
  /** The blocks selected in the editor or the summary. */
  readonly selection: readonly string[];
}

/** What the student did in the kernel lab. */
export interface KernelLabResults {
  /** Named kernels applied (ids of src/kernelLab/kernels.ts). */
  readonly kernelsApplied: readonly string[];
  readonly paddingsSeen: readonly PaddingMode[];
  /** The grid as last edited by hand, or null when only named kernels were used. */
  readonly customKernel: Kernel | null;
  /** The pointer rested on an output pixel, so its multiply-adds were shown. */
  readonly inspected: boolean;
  /** A colour image was looked at channel by channel. */
  readonly channelsViewed: boolean;
  /** The learn-a-kernel loss after the latest step, and how far the learned kernel is from the hidden one. */
  readonly learnedLoss: number | null;
  readonly learnedDistance: number | null;
}

/** Per-layer gradient norms of a run, as the gradient-flow probe measured them. */
export interface GradientReading {
  readonly ids: readonly string[];
  readonly gradNorm: readonly number[];
  readonly step: number;
}

/** Activation statistics of a deep net at initialisation (src/lessons/initStats.ts). */
export interface InitLabResults {
  readonly scale: 'small' | 'xavier' | 'he' | 'large';
  readonly activation: 'tanh' | 'relu';
  /** Standard deviation of each layer's activations, first layer first. */
  readonly layerStd: readonly number[];
}

/** One finished run of a side-by-side comparison. */
export interface ComparedRun {
  readonly label: string;
  readonly spec: ModelSpec;
  readonly hyper: HyperParams;
  readonly epochs: readonly EpochResult[];
  /** Final phase: 'done', 'stopped' or 'error' (a diverged run ends in 'error'). */
  readonly phase: string;
  readonly diverged: boolean;
  readonly params: number;
  readonly gradients: GradientReading | null;
}

export interface LessonResults {
  readonly kernelLab: KernelLabResults;
  /** The network and settings the latest run was started with (what state.epochs belong to). */
  readonly run: { readonly spec: ModelSpec; readonly hyper: HyperParams } | null;
  /** The latest gradient-flow reading of the latest run. */
  readonly gradients: GradientReading | null;
  readonly initLab: InitLabResults | null;
  /** The latest comparison's runs, in order. */
  readonly compare: readonly ComparedRun[];
  /** The workspace's side panels (ids of src/views/workspace/panels.ts) opened since the step was opened, in order. */
  readonly panelsOpened: readonly string[];
  /** Test images the views were pointed at since the step was opened, with the panel in front at the time. */
  readonly imagesViewed: readonly { readonly panel: string; readonly index: number }[];
  /** Views of "What did it learn?" computed since the step was opened (understandProtocol view ids). */
  readonly viewsComputed: readonly string[];
}

export interface CheckContext {
  readonly state: LessonAppState;
  readonly results: LessonResults;
}

/** A run of a comparison: what differs from the step's base settings. */
export interface CompareEntry {
  readonly label: Text;
  readonly spec?: () => ModelSpec;
  readonly hyper?: Partial<HyperParams>;
}

export interface StepSetup {
  /** A trainable or reference preset to open (it brings its dataset). */
  readonly preset?: string;
  /** A network to open instead of a preset. */
  readonly spec?: () => ModelSpec;
  readonly dataset?: 'mnist' | 'mnist-small' | 'cifar10';
  /** The share of the training images held out for validation (the store's validation split). */
  readonly validationFraction?: number;
  readonly hyper?: Partial<HyperParams>;
  /** The panel to show, and the block to select in the editor. */
  readonly panel: PanelId;
  readonly block?: string;
  /**
   * The setting of that block the task changes (an inspector field's name): "Go to" brings it into view and
   * focuses it, below the block's maps and arithmetic in the block pane.
   */
  readonly field?: string;
  /** What the workspace hides while the step is open (shown again when another step or the lesson list opens). */
  readonly hide?: readonly HiddenPart[];
  /** Runs this step compares side by side (on the settings above). */
  readonly compare?: readonly CompareEntry[];
}

/** "Predict, then reveal": the student picks an answer before the explanation shows. */
export interface Prediction {
  readonly question: Text;
  readonly options: readonly Text[];
  readonly answer: number;
  readonly reveal: Text;
}

export interface LessonStep {
  /** Unique within its lesson; a link names a step as `<lesson>.<step number>`. */
  readonly id: string;
  readonly title: Text;
  readonly body: Text;
  /** TeX, typeset with KaTeX. */
  readonly formula?: string;
  readonly task: Text;
  readonly check: (ctx: CheckContext) => boolean;
  readonly hints: readonly Text[];
  readonly setup: StepSetup;
  readonly predict?: Prediction;
}

export interface Lesson {
  readonly id: number;
  readonly title: Text;
  /** Where it comes from: the cs231n lecture(s). */
  readonly source: Text;
  readonly steps: readonly LessonStep[];
}

export const NO_RESULTS: LessonResults = {
  kernelLab: { kernelsApplied: [], paddingsSeen: [], customKernel: null, inspected: false, channelsViewed: false, learnedLoss: null, learnedDistance: null },
  run: null,
  gradients: null,
  initLab: null,
  compare: [],
  panelsOpened: [],
  imagesViewed: [],
  viewsComputed: [],
};
