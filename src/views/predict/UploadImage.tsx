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
  return (await decodePicture(file, shape)).input;
}

/** The smallest side, in pixels, a picture needs to show anything the network could recognise. */
export const MIN_SIDE = 8;

/** A decoded picture: the network's input, and the picture's own size (for saying how it was resized). */
export async function decodePicture(file: Blob, shape: readonly [number, number, number]):
  Promise<{ input: Float32Array; width: number; height: number }> {
  const bitmap = await createImageBitmap(file);
  try {
    return { input: toInput(bitmap, shape), width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

function toInput(bitmap: ImageBitmap, shape: readonly [number, number, number]): Float32Array {
  const [h, w, c] = shape;
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
}

export const UploadImage = memo(function UploadImage(
  { shape, onInput, onFailed }: { shape: readonly [number, number, number]; onInput: (input: Float32Array) => void;
    /** The picture could not be used: whatever answer was shown before must go with it. */
    onFailed?: () => void },
) {
  const { t } = useTranslation('predict');
  const { t: tw } = useTranslation('walk');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [h, w, c] = shape;
  return (
    <div className="upload-image">
      <label>
        {t('predict.upload')}{' '}
        <input type="file" accept="image/*" data-testid="upload-image" onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setError(null);
          setNote(null);
          decodePicture(file, shape).then((picture) => {
            const size = { name: file.name, width: picture.width, height: picture.height, w, h };
            if (Math.min(picture.width, picture.height) < MIN_SIDE) {
              setError(tw('upload.tooSmall', { ...size, min: MIN_SIDE }));
              onFailed?.();
              return;
            }
            setNote(tw(c === 1 ? 'upload.resizedGrey' : 'upload.resizedColour', size));
            onInput(picture.input);
          }, () => {
            setError(t('predict.uploadFailed', { name: file.name }));
            onFailed?.();
          });
        }} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {note && <p className="muted" data-testid="upload-note">{note}</p>}
    </div>
  );
});
