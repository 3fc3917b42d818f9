import type en from './run.en';

// Messages of the 'run' namespace (Korean): the same keys as run.en.ts.
const ko: typeof en = {};

export default ko;
