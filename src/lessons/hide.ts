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
