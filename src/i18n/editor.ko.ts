import type en from './editor.en';

// Messages of the 'editor' namespace (Korean): the same keys as editor.en.ts.
const ko: typeof en = {};

export default ko;
