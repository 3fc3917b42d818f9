// The receptive field of one output cell of a dense network (a class per pixel, or a grid detector's
// cell): the student picks a cell on the image (click, the arrow keys, or the row and column fields) and
// sees the part of the input image that reaches it, beside the pixels the cell itself stands for. The words
// come first, so a projector's short screen shows them above the picture. Under the region lies the image the
// probes last looked at (the network strip's thumbnails keep them coming), when it is the network's size. The
// region comes from the model core (src/model/outputField.ts); this only draws it.
import { memo, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelAnalysis } from '../../model/analysis';
import type { Interval } from '../../model/receptiveField';
import { outputCellField, type DenseOutput } from '../../model/outputField';
import type { ModelSpec } from '../../model/spec';
import { imageRgb } from '../../paint/overlay';
import type { ProbeImage } from '../../train/api/probeTypes';
import { useProbeChannel, useProbeValue } from '../viz/hooks';

const SIDE = 256;
const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
/** The probed image as a PNG address, for the picture's background. */
function imageUrl(image: ProbeImage): string | null {
  const rgb = imageRgb(image);
  const data = new ImageData(image.width, image.height);
  for (let p = 0; p < image.width * image.height; p++) {
    for (let c = 0; c < 3; c++) data.data[p * 4 + c] = Math.round(255 * (rgb[p * 3 + c] ?? 0));
    data.data[p * 4 + 3] = 255;
  }
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [image.width, image.height];
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.putImageData(data, 0, 0);
  return canvas.toDataURL();
}

const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export const OutputFieldView = memo(function OutputFieldView({ spec, analysis, head }: { spec: ModelSpec; analysis: ModelAnalysis; head: DenseOutput }) {
  const { t } = useTranslation('predict');
  // "−15 to 22": a dash between numbers that may be negative reads as a subtraction.
  const span = (iv: Interval) => t('arith.output.span', { lo: String(iv.lo).replace('-', '−'), hi: String(iv.hi).replace('-', '−') });
  const [cell, setCell] = useState<[number, number]>(() => [Math.floor(head.rows / 2), Math.floor(head.cols / 2)]);
  const channel = useProbeChannel();
  // Redrawn when another image is probed, not on every snapshot of the same one.
  const stamp = useProbeValue((c) => (c.latest ? `${c.latest.input.index ?? 'drawn'} ${c.latest.input.width} ${c.latest.step}` : null));
  const picture = useMemo(() => {
    const image = stamp === null ? null : channel.latest?.input ?? null;
    return image ? { url: imageUrl(image), height: image.height, width: image.width } : null;
  }, [stamp, channel]);
  const row = clamp(cell[0], head.rows);
  const col = clamp(cell[1], head.cols);
  const f = outputCellField(spec, analysis, row, col);
  if (f === null) return <p className="muted">{t('arith.output.none')}</p>;
  const [h, w] = f.imageSize;
  const scale = SIDE / Math.max(h, w);
  const box = (rows: Interval, cols: Interval) => ({ x: cols.lo * scale, y: rows.lo * scale, width: (cols.hi - cols.lo + 1) * scale, height: (rows.hi - rows.lo + 1) * scale });
  const cellW = (w / head.cols) * scale;
  const cellH = (h / head.rows) * scale;
  const pick = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setCell([clamp(Math.floor(((e.clientY - r.top) / r.height) * head.rows), head.rows), clamp(Math.floor(((e.clientX - r.left) / r.width) * head.cols), head.cols)]);
  };
  const move = (e: KeyboardEvent<SVGSVGElement>) => {
    const d = MOVES[e.key];
    if (!d) return;
    e.preventDefault();
    setCell([clamp(row + d[0], head.rows), clamp(col + d[1], head.cols)]);
  };
  const cut = f.rows.lo < 0 || f.cols.lo < 0 || f.rows.hi >= h || f.cols.hi >= w;
  const field = box(f.clippedRows, f.clippedCols);
  return (
    <div className="output-field" data-testid="output-field" data-row={row} data-col={col}
      data-rows={`${f.rows.lo},${f.rows.hi}`} data-cols={`${f.cols.lo},${f.cols.hi}`}>
      <div className="output-field-pick">
        <label>{t('arith.output.row')}{' '}
          <input type="number" min={0} max={head.rows - 1} value={row} data-field="output-row"
            onChange={(e) => setCell([clamp(Math.round(Number(e.target.value) || 0), head.rows), col])} /></label>
        <label>{t('arith.output.col')}{' '}
          <input type="number" min={0} max={head.cols - 1} value={col} data-field="output-col"
            onChange={(e) => setCell([row, clamp(Math.round(Number(e.target.value) || 0), head.cols)])} /></label>
      </div>
      <p className="output-field-caption" role="status">
        {t('arith.output.caption', { row, col, block: head.blockId, rows: span(f.rows), cols: span(f.cols),
          height: f.rows.hi - f.rows.lo + 1, width: f.cols.hi - f.cols.lo + 1 })}
        {f.wholeImage ? ` ${t('arith.output.whole')}` : ''}
        {cut ? ` ${t('arith.output.cut', { rows: span(f.clippedRows), cols: span(f.clippedCols) })}` : ''}
        {f.ownRows && f.ownCols ? ` ${t(head.kind === 'griddetect' ? 'arith.output.ownBoxes' : 'arith.output.own', { rows: span(f.ownRows), cols: span(f.ownCols) })}` : ''}
      </p>
      <svg className="arith-diagram output-field-svg" width={w * scale} height={h * scale} viewBox={`0 0 ${w * scale} ${h * scale}`}
        role="img" tabIndex={0} aria-label={t('arith.output.svg', { rows: head.rows, cols: head.cols })} onPointerDown={pick} onKeyDown={move}>
        <rect className="image-area" width={w * scale} height={h * scale} />
        {picture?.url && picture.height === h && picture.width === w && (
          <image href={picture.url} width={w * scale} height={h * scale} preserveAspectRatio="none" style={{ imageRendering: 'pixelated' }} />
        )}
        {cellW >= 4 && Array.from({ length: head.cols - 1 }, (_, i) => <line key={`c${i}`} className="grid-lines faint" x1={(i + 1) * cellW} x2={(i + 1) * cellW} y1={0} y2={h * scale} />)}
        {cellH >= 4 && Array.from({ length: head.rows - 1 }, (_, i) => <line key={`r${i}`} className="grid-lines faint" y1={(i + 1) * cellH} y2={(i + 1) * cellH} x1={0} x2={w * scale} />)}
        <rect className="field" {...field} />
        {f.ownRows && f.ownCols && <rect className="current own-cell" {...box(f.ownRows, f.ownCols)} />}
      </svg>
    </div>
  );
});
