// The one way sizes are written, in the UI and in the worker's messages alike. Bytes are counted in binary
// units, and say so: 1 KiB = 1,024 bytes, 1 MiB = 1,024 KiB, 1 GiB = 1,024 MiB (as memory limits and
// allocations are). Work is counted in multiply-adds, one per weight use in a convolution or dense layer
// (measureModel in cost.ts, the only counter); a FLOP count is two per multiply-add.

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** 18,816 -> "18.4 KiB"; 3 * 2^20 -> "3 MiB": the largest unit that keeps the number at 1 or more. */
export function formatBytes(bytes: number, lang = 'en'): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** Multiply-adds as FLOPs: one multiply and one add each. */
export const flopsOf = (multiplyAdds: number): number => 2 * multiplyAdds;
