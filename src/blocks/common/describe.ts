// The language-neutral pieces of a block's one-line summary ("6 @ 5×5, s1, p2").
import type { Padding, Size2 } from '../../model/spec';

const pad = (p: Padding): string => (typeof p === 'number' ? `p${p}` : p);
const size = (s: Size2): string => (typeof s === 'number' ? `${s}×${s}` : `${s[0]}×${s[1]}`);
const stride = (s: Size2): string => (typeof s === 'number' ? `s${s}` : `s${s[0]},${s[1]}`);

/** "5×5, s1, p2": a sliding window's size, stride and padding. */
export const describeWindow = (window: Size2, s: Size2, p: Padding): string => `${size(window)}, ${stride(s)}, ${pad(p)}`;
