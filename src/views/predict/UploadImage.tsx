import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mnistify, rgbaToInput } from './pixels';

/** Draws a bitmap into a w x h canvas (the source rectangle sx, sy, sw, sh) and returns its RGBA bytes. */
function rasterise(bitmap: ImageBitmap, w: number, h: number, src: readonly [number, number, number, number]): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2-D canvas');
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, ...src, 0, 0, w, h);
  return g.getImageData(0, 0, w, h).data;
}

/**
 * Decodes a picture file into the network's input. One channel (MNIST-like): greyscale, inverted when the
 * paper is light, then size-normalised and centred like the draw pad. Colour: the centre crop of the
 * input's aspect ratio, resized. Rejects when the file is not a picture the browser can decode.
 */
export async function imageFileToInput(file: Blob, shape: readonly [number, number, number]): Promise<Float32Array> {
  const [h, w, c] = shape;
  const bitmap = await createImageBitmap(file);
  try {
    const bw = bitmap.width;
    const bh = bitmap.height;
    if (c === 1) {
      const scale = Math.min(1, 280 / Math.max(bw, bh));
      const sw = Math.max(1, Math.round(bw * scale));
      const sh = Math.max(1, Math.round(bh * scale));
      const grey = rgbaToInput(rasterise(bitmap, sw, sh, [0, 0, bw, bh]), 1);
      return mnistify({ width: sw, height: sh, data: grey }, w, h);
    }
    const crop = Math.min(bw / w, bh / h);
    const src = [(bw - crop * w) / 2, (bh - crop * h) / 2, crop * w, crop * h] as const;
    return rgbaToInput(rasterise(bitmap, w, h, src), c);
  } finally {
    bitmap.close();
  }
}

export const UploadImage = memo(function UploadImage(
  { shape, onInput }: { shape: readonly [number, number, number]; onInput: (input: Float32Array) => void },
) {
  const { t } = useTranslation('predict');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="upload-image">
      <label>
        {t('predict.upload')}{' '}
        <input type="file" accept="image/*" data-testid="upload-image" onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          imageFileToInput(file, shape).then(onInput, () => setError(t('predict.uploadFailed', { name: file.name })));
        }} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
});
