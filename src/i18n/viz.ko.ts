import type en from './viz.en';

// Messages of the 'viz' namespace (Korean): the same keys as viz.en.ts.
const ko: typeof en = {};

export default ko;
