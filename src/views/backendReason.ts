// The worker explains its backend choice in English ("auto: software GPU renderer (...), wasm is faster;
// fell back to cpu"). The parts it always says are worded in the UI language here; technical failure
// details (error texts from the browser) stay as they are.
import type { TFunction } from 'i18next';

const PATTERNS: readonly [RegExp, string][] = [
  [/^auto: no GPU$/, 'noGpu'],
  [/^auto: software GPU renderer \((.*)\), wasm is faster$/, 'software'],
  [/^auto: GPU renderer (.*)$/, 'gpu'],
  [/^chosen by user$/, 'user'],
  [/^fell back to (\w+)$/, 'fellBack'],
  [/^webgl unavailable: (.*)$/, 'noWebgl'],
  [/^auto: WebGPU adapter (.*)$/, 'webgpu'],
  [/^webgpu skipped: software adapter \((.*)\)$/, 'webgpuSoftware'],
  [/^webgpu unavailable: (?:navigator\.gpu gave no adapter|no navigator\.gpu here)$/, 'noWebgpuAdapter'],
  [/^webgpu unavailable: (.*)$/, 'noWebgpu'],
];

/** Each '; '-separated part of the reason in the UI language when it is one the worker always uses. */
export function backendReasonText(reason: string, t: TFunction<'walk'>): string {
  return reason.split('; ').map((part) => {
    for (const [pattern, key] of PATTERNS) {
      const m = pattern.exec(part);
      if (m) return t(`backendReason.${key}`, { detail: m[1] ?? '' });
    }
    return part;
  }).join('; ');
}
