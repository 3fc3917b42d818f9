// Bring your own images, decoding in the browser: createImageBitmap resizes while it decodes (any format the
// browser reads), an OffscreenCanvas gives the pixels back, then RGBA becomes RGB or grey bytes.

export interface Decoder {
  /** Pixels of one image, size x size x channels, HWC. Rejects when the browser cannot read the file. */
  decode(blob: Blob): Promise<Uint8Array>;
}

export function createDecoder(size: number, channels: 1 | 3): Decoder {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser cannot draw images off screen (no 2D OffscreenCanvas)');
  return {
    async decode(blob) {
      const bitmap = await createImageBitmap(blob, { resizeWidth: size, resizeHeight: size, resizeQuality: 'high' });
      try {
        // Transparent parts become white, as they look on a page, rather than black.
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, size, size);
        ctx.drawImage(bitmap, 0, 0);
        return rgbaTo(ctx.getImageData(0, 0, size, size).data, channels);
      } finally {
        bitmap.close();
      }
    },
  };
}

/** RGBA bytes to RGB, or to grey by BT.601 luma (the same weights as the dataset importers). */
export function rgbaTo(rgba: Uint8ClampedArray | Uint8Array, channels: 1 | 3): Uint8Array {
  const n = rgba.length / 4;
  const out = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const r = rgba[i * 4]!;
    const g = rgba[i * 4 + 1]!;
    const b = rgba[i * 4 + 2]!;
    if (channels === 1) out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    else out.set([r, g, b], i * 3);
  }
  return out;
}
