// The diverging scale must read the same with colour-blind vision: simulated protanopia, deuteranopia and
// tritanopia (Machado, Oliveira & Fernandes 2009, severity 1) keep a positive value apart from the negative
// value of the same size, and lightness alone (which every kind of colour vision keeps) grows with |value|.
import { describe, expect, it } from 'vitest';
import { colorOf, DIVERGING, type Rgb } from './colors';

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const VISION: Record<string, Matrix> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };

/** CIELAB (D65) of an sRGB colour as seen with the given vision (the simulation works on linear RGB). */
function labSeen(rgb: Rgb, m: Matrix): [number, number, number] {
  const lin = rgb.map(toLinear);
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!))) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe('the diverging colour scale (ColorBrewer RdBu) with colour-blind vision', () => {
  for (const [name, m] of Object.entries(VISION)) {
    it(`tells +x from -x and orders |x| by lightness (${name})`, () => {
      for (let t = 0.15; t <= 1.0001; t += 0.05) {
        const pos = labSeen(colorOf(DIVERGING, t, 1), m);
        const neg = labSeen(colorOf(DIVERGING, -t, 1), m);
        // ΔE*ab of 10 is a plainly visible difference between two patches side by side.
        expect(deltaE(pos, neg), `t=${t.toFixed(2)}`).toBeGreaterThan(10);
      }
      for (const sign of [1, -1]) {
        let last = labSeen(colorOf(DIVERGING, 0, 1), m)[0];
        for (let t = 0.05; t <= 1.0001; t += 0.05) {
          const lightness = labSeen(colorOf(DIVERGING, sign * t, 1), m)[0];
          expect(lightness, `sign ${sign}, t=${t.toFixed(2)}`).toBeLessThan(last);
          last = lightness;
        }
      }
    });
  }
});

describe('the colour-blind check itself', () => {
  it('would catch a red-green scale: under deuteranopia its two ends look alike', () => {
    const red: Rgb = [200, 60, 40];
    const green: Rgb = [70, 150, 40];
    expect(deltaE(labSeen(red, VISION.normal!), labSeen(green, VISION.normal!))).toBeGreaterThan(50);
    expect(deltaE(labSeen(red, VISION.deuteranopia!), labSeen(green, VISION.deuteranopia!))).toBeLessThan(10);
  });
});
