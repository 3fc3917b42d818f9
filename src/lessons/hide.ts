// What steps hide of the workspace while they are open (StepSetup.hide), named once for the lessons that share it.
import type { HiddenPart } from './types';

/**
 * A lab drawn in the lessons panel (kernel lab, learn a kernel, init lab) needs none of the training workspace:
 * the run controls, pickers, network and chart step aside, and the other panels' tabs, so the lab has the whole
 * screen below the top bar.
 */
export const LAB_HIDE: readonly HiddenPart[] = ['runControls', 'pickers', 'network', 'chart', 'otherPanels'];

/** Steps about shapes and parameter counts train nothing: the run controls and the loss chart step aside. */
export const SHAPES_HIDE: readonly HiddenPart[] = ['runControls', 'chart'];

/**
 * A comparison draws every run's loss curve itself and trains networks of its own: the network strip and the
 * loss chart step aside, so the comparison sits beside the step's text with the whole screen's height (at
 * 1280x720 under the strip its run button was 500 px below the fold).
 */
export const COMPARE_HIDE: readonly HiddenPart[] = ['network', 'chart'];
