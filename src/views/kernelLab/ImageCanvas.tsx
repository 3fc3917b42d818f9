import { memo, useEffect, useRef } from 'react';
import type { LabImage } from '../../kernelLab/convolve';
import { paintImage } from './images';

/** A lab image drawn at its own pixels, scaled up by CSS; reports the hovered pixel. */
export const LabCanvas = memo(function LabCanvas({ image, channel = null, label, onHover, testId }: {
  image: LabImage; channel?: number | null; label: string; testId?: string;
  onHover?: (at: { x: number; y: number } | null) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paintImage(ref.current, image, channel);
  }, [image, channel]);
  return (
    <figure className="lab-figure">
      <canvas ref={ref} className="lab-canvas" aria-label={label} data-testid={testId}
        onMouseMove={onHover && ((e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const x = Math.min(image.width - 1, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * image.width)));
          const y = Math.min(image.height - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * image.height)));
          onHover({ x, y });
        })} />
      <figcaption>{label}</figcaption>
    </figure>
  );
});
