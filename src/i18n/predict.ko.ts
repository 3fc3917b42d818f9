import type en from './predict.en';

// Messages of the 'predict' namespace (Korean): the same keys as predict.en.ts.
const ko: typeof en = {};

export default ko;
