// The detector's boxes over the chosen test image, and non-maximum suppression step by step: which box was
// kept, which it dropped and by what IoU, with sliders for the score and IoU thresholds (they change what
// is shown, not what is trained). Reads the probe snapshot's output for the image (the raw grid) and
// decodes it as the detection task does (src/tasks/detectionGrid.ts).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { datasetTask } from '../../data/registry';
import { DEFAULT_DETECTION } from '../../tasks/detection';
import { DEFAULT_BOX_LOSS } from '../../train/api/hyper';
import { CELL, cellSizeOf, decodeGrid, gridSideOf } from '../../tasks/detectionGrid';
import { useApp } from '../AppContext';
import { useClassNames } from '../predict/hooks';
import { InputPicker } from '../viz/InputPicker';
import { useOnScreen, useProbeChannel, useProbeValue, useWantBlocks } from '../viz/hooks';
import { drawBoxes } from './drawBoxes';
import { nmsWalk, type NmsStep } from './nmsWalk';
import { shownSnapshot, shownStamp } from './shownSnapshot';
import '../viz/viz.css';
import './boxes.css';

function Slider({ label, value, onChange, name }: { label: string; value: number; onChange: (v: number) => void; name: string }) {
  return (
    <label className="boxes-slider">
      <span>{label}</span>
      <input type="range" min={0} max={1} step={0.05} value={value} data-testid={name} onChange={(e) => onChange(Number(e.currentTarget.value))} />
      <output>{value.toFixed(2)}</output>
    </label>
  );
}

export const BoxesPanel = memo(function BoxesPanel() {
  // The weights set in the Training panel (the next run's; a run cannot change them while it trains).
  const boxLoss = useApp((s) => s.hyper.boxLoss) ?? DEFAULT_BOX_LOSS;
  const { t } = useTranslation('viz');
  const channel = useProbeChannel();
  const spec = useApp((s) => s.spec);
  const dataShape = useApp((s) => s.dataShape);
  const detecting = useApp((s) => datasetTask(s.datasetId) === 'detection');
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const onScreen = useOnScreen(host);
  const head = spec.blocks.find((b) => b.kind === 'griddetect')?.id ?? null;
  useWantBlocks(head === null ? [] : [head], detecting && head !== null && onScreen);
  const [scoreThreshold, setScore] = useState(0.3);
  const [iouThreshold, setIou] = useState(0.5);
  const classNames = useClassNames(dataShape.numClasses);
  const [rows, cols] = gridSideOf(dataShape);
  const expected = rows * cols * cellSizeOf(dataShape);
  // Re-derive when a new snapshot arrives (its step), the image changes, or a new choice waits for its answer.
  const stamp = useProbeValue((c) => shownStamp(shownSnapshot(c.latest, c.config, expected)));
  const shown = useMemo(() => (stamp === null ? null : shownSnapshot(channel.latest, channel.config, expected)), [channel, stamp, expected]);
  const walk = useMemo(() => {
    if (shown?.kind !== 'ready') return null;
    const { input, probabilities } = shown.snapshot;
    return { image: input, walk: nmsWalk(decodeGrid(probabilities, 0, dataShape), scoreThreshold, iouThreshold) };
  }, [shown, dataShape, scoreThreshold, iouThreshold]);

  useEffect(() => {
    if (canvas.current && walk) drawBoxes(canvas.current, { ...walk, cell: CELL, classNames, scale: 4 });
  }, [walk, classNames]);

  const stepText = (s: NmsStep) => {
    const c = walk?.walk.candidates[s.rank - 1];
    const box = { rank: s.rank, label: classNames[c?.label ?? 0] ?? '', score: (c?.score ?? 0).toFixed(2) };
    return s.kind === 'keep' ? t('boxes.keep', box)
      : t('boxes.suppress', { ...box, by: s.by, iou: s.iou.toFixed(2), threshold: iouThreshold.toFixed(2) });
  };

  return (
    <section className="viz-panel boxes-panel" data-panel="boxes">
      <h2>{t('boxes.heading')}</h2>
      <p className="hint">{t('boxes.hint', { cell: CELL, rows, cols })}</p>
      <p className="hint boxes-loss" data-testid="detection-loss">{t('boxes.loss', { ...DEFAULT_DETECTION, box: boxLoss.coord, noObject: boxLoss.noObject })}</p>
      {!detecting || head === null ? <p className="hint boxes-none">{t('boxes.notDetector')}</p> : (<>
        <InputPicker />
        <div className="viz-toolbar">
          <Slider label={t('boxes.score')} value={scoreThreshold} onChange={setScore} name="score-threshold" />
          <Slider label={t('boxes.iou')} value={iouThreshold} onChange={setIou} name="iou-threshold" />
        </div>
        <div className="boxes-body" ref={host}>
          {shown?.kind === 'pending' ? <p className="hint" role="status" data-testid="boxes-pending">{t('boxes.pending', { index: shown.index })}</p>
            : walk === null ? <p className="hint">{t('boxes.waiting')}</p> : (<>
            <canvas ref={canvas} className="boxes-canvas" data-testid="boxes-canvas" data-image={walk.image.index ?? 'drawn'} data-kept={walk.walk.kept.size}
              data-candidates={walk.walk.candidates.length} />
            <div className="boxes-steps">
              <p>{t('boxes.summary', { candidates: walk.walk.candidates.length, below: walk.walk.belowThreshold, kept: walk.walk.kept.size })}</p>
              <ol data-testid="nms-steps">
                {walk.walk.steps.map((s) => <li key={`${s.kind}${s.rank}`} className={`nms-${s.kind}`}>{stepText(s)}</li>)}
              </ol>
            </div>
          </>)}
        </div>
      </>)}
    </section>
  );
});
