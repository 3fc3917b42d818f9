import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mnistify, toChannels } from './pixels';

const PAD = 280;
const BRUSH = 22;

export interface DrawPadProps {
  readonly shape: readonly [number, number, number];
  /** Called at most once per animation frame while drawing, with the network-ready input. */
  readonly onInput: (input: Float32Array, preview: Float32Array) => void;
  readonly onClear: () => void;
  /** A stroke has ended (the pen lifted). */
  readonly onStrokeEnd?: () => void;
}

/** A large black pad to draw a digit on in white; the drawing is MNIST-normalised for the network. */
export const DrawPad = memo(function DrawPad({ shape, onInput, onClear, onStrokeEnd }: DrawPadProps) {
  const { t } = useTranslation('predict');
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const [h, w, c] = shape;

  useEffect(() => {
    clear(canvas.current);
    return () => cancelAnimationFrame(frame.current);
  }, []);

  const emit = () => {
    frame.current = 0;
    const g = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!g) return;
    const rgba = g.getImageData(0, 0, PAD, PAD).data;
    const grey = new Float32Array(PAD * PAD);
    for (let i = 0; i < grey.length; i += 1) grey[i] = (rgba[i * 4] as number) / 255;
    const small = mnistify({ width: PAD, height: PAD, data: grey }, w, h);
    onInput(toChannels(small, c), small);
  };
  const schedule = () => {
    if (frame.current === 0) frame.current = requestAnimationFrame(emit);
  };

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * PAD, y: ((e.clientY - box.top) / box.height) * PAD };
  };
  const stroke = (to: { x: number; y: number }) => {
    const g = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!g) return;
    const from = last.current ?? to;
    g.strokeStyle = '#fff';
    g.lineWidth = BRUSH;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x + 0.01, to.y);
    g.stroke();
    last.current = to;
    schedule();
  };

  return (
    <div className="draw-pad">
      <canvas ref={canvas} width={PAD} height={PAD} data-testid="draw-pad" aria-label={t('predict.padLabel')}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          last.current = null;
          stroke(point(e));
        }}
        onPointerMove={(e) => {
          if (last.current) stroke(point(e));
        }}
        onPointerUp={() => {
          last.current = null;
          // The stroke's last segment may still wait for its frame: send it now, then say the stroke ended.
          if (frame.current !== 0) {
            cancelAnimationFrame(frame.current);
            emit();
          }
          onStrokeEnd?.();
        }}
        onPointerCancel={() => { last.current = null; }} />
      <button type="button" data-action="clear-pad" onClick={() => {
        clear(canvas.current);
        onClear();
      }}>{t('predict.clear')}</button>
    </div>
  );
});

function clear(el: HTMLCanvasElement | null) {
  const g = el?.getContext('2d', { willReadFrequently: true });
  if (!g) return;
  g.fillStyle = '#000';
  g.fillRect(0, 0, PAD, PAD);
}
