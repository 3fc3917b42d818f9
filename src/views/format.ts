import type { Shape } from '../model/spec';

export const formatShape = (shape: Shape | null): string => (shape ? shape.join(' × ') : '—');

export const formatCount = (n: number, lang: string): string => n.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US');

export const formatPercent = (x: number): string => `${(x * 100).toFixed(2)}%`;
