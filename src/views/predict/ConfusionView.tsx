import * as d3 from 'd3';
import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { perClassAccuracy } from '../../train/api/confusion';
import type { ConfusionReport } from '../../train/api/protocol';
import { SaveButtons } from '../saveImage';
import { confusionCells, confusionCellSize } from './confusionLayout';

const LEFT = 90;
const ACC_W = 90;

/**
 * The test set's confusion matrix after the latest epoch, with per-class accuracy beside each row; of pixels
 * rather than images for a segmentation run.
 */
export const ConfusionView = memo(function ConfusionView(
  { report, classNames, perPixel = false }: { report: ConfusionReport; classNames: readonly string[]; perPixel?: boolean },
) {
  const { t } = useTranslation('predict');
  const host = useRef<HTMLDivElement>(null);
  const n = report.numClasses;
  const cells = useMemo(() => confusionCells(report.matrix, n), [report, n]);
  const accuracy = useMemo(() => perClassAccuracy(report.matrix, n), [report, n]);
  const size = confusionCellSize(n);
  // Names longer than a cell (CIFAR-10's 'automobile') are written at a slant above their column.
  const slanted = classNames.some((name) => name.length * 6.5 > size);
  const TOP = slanted ? 40 + 5 * Math.min(12, Math.max(...classNames.map((name) => name.length))) : 56;
  const grid = n * size;
  const width = LEFT + grid + ACC_W + 10;
  const height = TOP + grid + 10;
  const showCounts = size >= 22;
  const heading = t(perPixel ? 'confusion.pixelHeading' : 'confusion.heading', { epoch: report.epoch });
  return (
    <div className="confusion-view" data-testid="confusion-matrix" data-epoch={report.epoch}
      data-total={cells.reduce((a, c) => a + c.count, 0)} data-per-pixel={perPixel}>
      <h3>
        {heading}
        <SaveButtons target={host} name={`confusion-epoch-${report.epoch}`} />
      </h3>
      <div ref={host}>
        <svg width={width} height={height} role="img" aria-label={heading}>
          <text className="axis-title" x={LEFT + grid / 2} y={14} textAnchor="middle">{t('confusion.predicted')}</text>
          <text className="axis-title" x={12} y={TOP + grid / 2} textAnchor="middle"
            transform={`rotate(-90 12 ${TOP + grid / 2})`}>{t('confusion.actual')}</text>
          {classNames.map((name, i) => (
            <g key={name + i}>
              <text x={LEFT + i * size + size / 2} y={TOP - 8} textAnchor={slanted ? 'start' : 'middle'}
                transform={slanted ? `rotate(-45 ${LEFT + i * size + size / 2} ${TOP - 8})` : undefined}>{n <= 20 ? name : ''}</text>
              <text x={LEFT - 6} y={TOP + i * size + size / 2} dy="0.35em" textAnchor="end">{n <= 40 ? name : ''}</text>
            </g>
          ))}
          {cells.map((c) => (
            <g key={`${c.row}-${c.col}`}>
              <rect x={LEFT + c.col * size} y={TOP + c.row * size} width={size - 1} height={size - 1}
                fill={c.count === 0 ? '#f8f9fa' : c.row === c.col ? d3.interpolateBlues(0.15 + 0.85 * c.share) : d3.interpolateOranges(0.15 + 0.85 * Math.min(1, c.share * 3))}
                data-row={c.row} data-col={c.col} data-count={c.count}>
                <title>{t(perPixel ? 'confusion.pixelCell' : 'confusion.cell', { count: c.count, actual: classNames[c.row], predicted: classNames[c.col] })}</title>
              </rect>
              {showCounts && c.count > 0 && (
                <text className="cell-text" x={LEFT + c.col * size + size / 2 - 0.5} y={TOP + c.row * size + size / 2} dy="0.35em"
                  textAnchor="middle" style={{ fontSize: size >= 30 ? 11 : 9, fill: c.share > 0.55 ? '#fff' : '#222' }}>{c.count}</text>
              )}
            </g>
          ))}
          <text className="axis-title" x={LEFT + grid + 10} y={TOP - 8}>{t('confusion.classAccuracy')}</text>
          {accuracy.map((a, i) => (
            <text key={i} className="class-accuracy" x={LEFT + grid + 10} y={TOP + i * size + size / 2} dy="0.35em"
              data-class={i} data-value={Number.isNaN(a) ? '' : a}>{Number.isNaN(a) ? '–' : `${(100 * a).toFixed(1)}%`}</text>
          ))}
        </svg>
      </div>
    </div>
  );
});
