import type { Shape } from '../model/spec';

export const formatShape = (shape: Shape | null): string => (shape ? shape.join(' × ') : '—');

// One formatter per locale: toLocaleString with a locale builds a new one on every call, which the status bar
// did several times per metrics batch (a top self-time entry in a profile of the page while training).
const counts = new Map<string, Intl.NumberFormat>();

export const formatCount = (n: number, lang: string): string => {
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  let format = counts.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    counts.set(locale, format);
  }
  return format.format(n);
};

export const formatPercent = (x: number): string => `${(x * 100).toFixed(2)}%`;
