import type en from './link.en';

// Messages of the 'link' namespace (Korean): the same keys as link.en.ts.
const ko: typeof en = {};

export default ko;
