import type { Shape } from '../model/spec';
import { groupDigits } from '../model/units';

export const formatShape = (shape: Shape | null): string => (shape ? shape.join(' × ') : '—');

/** Counts as English and Korean write them alike ("60,000"); see groupDigits for why not Intl. */
export const formatCount = (n: number, _lang: string): string => groupDigits(n);

export const formatPercent = (x: number): string => `${(x * 100).toFixed(2)}%`;
