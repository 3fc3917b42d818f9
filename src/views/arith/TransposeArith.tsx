// The transposed convolution's arithmetic, on the selected block's own numbers: every input pixel spreads
// its value, times the kernel, over a kernel-sized patch of the output (click an input pixel to see where
// its patch lands), and each output pixel shows how many patches land on it. Where the stride does not
// divide the kernel those counts alternate: the checkerboard the layer paints before it has learnt.
// A small static SVG: it changes only when the block or the chosen pixel does.
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import { patchRows, transposeScene } from './transposeFrames';
import './arith.css';

const MAX_CELLS = 24;
const GAP = 40;

export const TransposeArith = memo(function TransposeArith({ id }: { id: string }) {
  const { t } = useTranslation('workspace');
  const info = useApp((s) => s.analysis.blocks.find((b) => b.id === id));
  const [h, w] = [info?.arithmetic.find((a) => a.axis === 'height'), info?.arithmetic.find((a) => a.axis === 'width')];
  const scene = useMemo(() => (h && w ? transposeScene(h, w) : null), [h, w]);
  const [picked, setPicked] = useState<[number, number]>([1, 1]);
  if (!h || !w || !scene) return <p className="hint">{t('block.transpose.none')}</p>;
  const [pi, pj] = [Math.min(picked[0], h.input - 1), Math.min(picked[1], w.input - 1)];
  const cell = Math.max(8, Math.min(18, Math.floor(420 / Math.max(h.output, w.output, 1))));
  const rows = Math.min(h.output, MAX_CELLS);
  const cols = Math.min(w.output, MAX_CELLS);
  const [inRows, inCols] = [Math.min(h.input, MAX_CELLS), Math.min(w.input, MAX_CELLS)];
  const left = inCols * cell + GAP;
  const patch = new Set(patchRows(h, pi).flatMap((r) => patchRows(w, pj).map((c) => `${r},${c}`)));
  const shade = (n: number) => `rgba(25, 113, 194, ${scene.max === 0 ? 0 : (0.12 + 0.7 * n / scene.max).toFixed(3)})`;
  return (
    <div className="transpose-arith" data-testid="transpose-arith">
      <p>{t('block.transpose.spread', { kernel: `${h.kernel}×${w.kernel}`, stride: `${h.stride}×${w.stride}` })}</p>
      <svg className="arith-diagram" width={left + cols * cell + 2} height={Math.max(rows, inRows) * cell + 24} role="img"
        aria-label={t('block.transpose.label', { row: pi, col: pj })}>
        <text className="grid-title" x={0} y={12}>{t('block.transpose.input')}</text>
        <text className="grid-title" x={left} y={12}>{t('block.transpose.output')}</text>
        <g transform="translate(0, 20)">
          {Array.from({ length: inRows }, (_, r) => Array.from({ length: inCols }, (_, c) => (
            <rect key={`i${r},${c}`} x={c * cell} y={r * cell} width={cell} height={cell} data-input={`${r},${c}`}
              className={r === pi && c === pj ? 'current' : 'real-area'} stroke="#9aa7b5" strokeWidth={0.5}
              onClick={() => setPicked([r, c])} />
          )))}
        </g>
        <g transform={`translate(${left}, 20)`}>
          {Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => {
            const n = scene.counts[r]?.[c] ?? 0;
            const inPatch = patch.has(`${r},${c}`);
            return (
              <g key={`o${r},${c}`}>
                <rect x={c * cell} y={r * cell} width={cell} height={cell} fill={shade(n)} stroke={inPatch ? '#d9480f' : '#c9d1da'}
                  strokeWidth={inPatch ? 2 : 0.5} data-output={`${r},${c}`} data-count={n} data-patch={inPatch || undefined} />
                {cell >= 12 && <text x={c * cell + cell / 2} y={r * cell + cell * 0.7} fontSize={cell * 0.55} textAnchor="middle">{n}</text>}
              </g>
            );
          }))}
        </g>
      </svg>
      <p>{t(scene.uneven ? 'block.transpose.checkerboard' : 'block.transpose.even')}</p>
      {(h.output > MAX_CELLS || w.output > MAX_CELLS) && <p className="hint">{t('block.transpose.clipped', { cells: MAX_CELLS })}</p>}
    </div>
  );
});
