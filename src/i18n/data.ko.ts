import type en from './data.en';

// Messages of the 'data' namespace (Korean): the same keys as data.en.ts.
const ko: typeof en = {};

export default ko;
