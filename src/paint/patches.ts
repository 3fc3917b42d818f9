// Patch-grid maps laid over the input image: a value per patch (rows x cols) spread over the pixels of
// that patch, so a head's attention can be drawn with heatOverlay on the digit it looked at.

/** values[offset + r * cols + c] spread over a height x width image, nearest patch for each pixel. */
export function patchesToPixels(values: ArrayLike<number>, offset: number, rows: number, cols: number, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const r = Math.min(rows - 1, Math.floor((y * rows) / height));
    for (let x = 0; x < width; x++) {
      const c = Math.min(cols - 1, Math.floor((x * cols) / width));
      out[y * width + x] = values[offset + r * cols + c] as number;
    }
  }
  return out;
}

/**
 * Tiles of the attention view: a row per attention block, one tile per head; then a last row with the
 * rollout. Tile index of (row, column) in a grid as wide as the most heads.
 */
export function attentionTiles(heads: readonly number[]): { cols: number; rows: number; tile: (row: number, col: number) => number } {
  const cols = Math.max(1, ...heads);
  return { cols, rows: heads.length + 1, tile: (row, col) => row * cols + col };
}
