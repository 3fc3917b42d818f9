// The occlusion map's colour scale means the same on every image: full red is the whole probability lost.
import { describe, expect, it } from 'vitest';
import { occlusionFullScale, occlusionIntensity } from './occlusionScale';

describe('occlusion colour scale', () => {
  it('draws a 4.6-point drop of a 99% answer faint, not full red', () => {
    expect(occlusionIntensity(0.046, 0.99)).toBeCloseTo(0.0465, 3);
    expect(occlusionIntensity(0.99, 0.99)).toBe(1);
  });

  it('clamps a rise in probability to nothing and keeps the scale above zero', () => {
    expect(occlusionIntensity(-0.1, 0.5)).toBe(0);
    expect(occlusionFullScale(0)).toBeGreaterThan(0);
    expect(occlusionIntensity(0.2, 0)).toBe(1);
  });
});
