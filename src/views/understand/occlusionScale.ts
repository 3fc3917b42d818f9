// The occlusion map's colour scale: a fixed meaning rather than "the largest drop of this image". Full red is the
// true class's whole unoccluded probability lost (hiding that patch takes it to 0), so a 4.6-point drop of a 99%
// answer is drawn faint, not full red as when the map was scaled to its own largest drop.

/** The drop (as a probability, 0-1) that the map draws full red: the unoccluded probability itself. */
export function occlusionFullScale(baseProbability: number): number {
  return Math.max(1e-6, Math.min(1, baseProbability));
}

/** How strongly a drop is drawn, 0-1 (an occlusion that raises the probability draws nothing). */
export function occlusionIntensity(drop: number, baseProbability: number): number {
  return Math.max(0, Math.min(1, drop / occlusionFullScale(baseProbability)));
}
