// Undoes datasets/write-dataset.mjs's gradientFilter: each stored byte is the pixel minus
// clamp(left + up - upLeft) (same channel, zero outside the image), mod 256. Runs once per shard as it arrives.

/** Reverses the gradient filter in place. `images` holds whole examples of shape [h, w, c], HWC. */
export function unfilterGradient(images: Uint8Array, shape: readonly number[]): void {
  const [h = 0, w = 0, c = 0] = shape;
  const row = w * c;
  const size = h * row;
  if (size === 0 || images.length % size !== 0) {
    throw new Error(`filtered pixels: ${images.length} bytes is not a whole number of ${h}x${w}x${c} images`);
  }
  for (let base = 0; base < images.length; base += size) {
    // First row: only the left neighbour exists.
    for (let x = c; x < row; x++) images[base + x] = (images[base + x]! + images[base + x - c]!) & 255;
    for (let y = 1; y < h; y++) {
      const r = base + y * row;
      for (let x = 0; x < c; x++) images[r + x] = (images[r + x]! + images[r + x - row]!) & 255;
      for (let x = c; x < row; x++) {
        const k = r + x;
        const p = images[k - c]! + images[k - row]! - images[k - row - c]!;
        images[k] = (images[k]! + (p < 0 ? 0 : p > 255 ? 255 : p)) & 255;
      }
    }
  }
}
