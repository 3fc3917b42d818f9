// The one way sizes are written, in the UI and in the worker's messages alike. Bytes are counted in binary
// units, and say so: 1 KiB = 1,024 bytes, 1 MiB = 1,024 KiB, 1 GiB = 1,024 MiB (as memory limits and
// allocations are). Work is counted in multiply-adds, one per weight use in a convolution or dense layer
// (measureModel in cost.ts, the only counter); a FLOP count is two per multiply-add.

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/**
 * 1234567.891 -> "1,234,567.891": digits grouped by threes as en-US and ko-KR both write them, at most
 * `maxFractionDigits` decimals, trailing zeros dropped (what toLocaleString gives for either language).
 * Written out rather than asked of Intl: the first NumberFormat a page makes loads the browser's locale data,
 * 120 ms of the first screen's main thread at Lighthouse's 4x slower CPU.
 */
export function groupDigits(value: number, maxFractionDigits = 3): string {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value.toLocaleString('en-US', { maximumFractionDigits: maxFractionDigits });
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  const [whole = '0', fraction = ''] = fixed.split('.');
  const decimals = fraction.replace(/0+$/, '');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${decimals === '' ? '' : `.${decimals}`}`;
}

/** 18,816 -> "18.4 KiB"; 3 * 2^20 -> "3 MiB": the largest unit that keeps the number at 1 or more. */
export function formatBytes(bytes: number, _lang = 'en'): string {
  if (!Number.isFinite(bytes)) return '—';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  // English and Korean group digits and mark decimals alike (groupDigits): the language changes nothing.
  return `${groupDigits(value, digits)} ${UNITS[unit]}`;
}

/** Multiply-adds as FLOPs: one multiply and one add each. */
export const flopsOf = (multiplyAdds: number): number => 2 * multiplyAdds;
