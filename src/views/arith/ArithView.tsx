import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../AppContext';
import { SaveButtons } from '../saveImage';
import { createArithDiagram, type ArithDiagram, type ArithLabels } from './arithDiagram';
import { DEFAULT_FREE_PLAY, outputSize, paddedSize, reach, type FreePlay } from './frames';
import { FreePlayControls } from './FreePlayControls';
import { useArithScene, windowBlocks } from './useArithScene';
import { denseOutput } from '../../model/outputField';
import { OutputFieldView } from './OutputFieldView';
import './arith.css';

/** Convolution arithmetic: a conv / pool block's window sliding over its padded input, or free play. */
export const ArithView = memo(function ArithView() {
  const { t } = useTranslation('predict');
  const spec = useApp((s) => s.spec);
  const analysis = useApp((s) => s.analysis);
  const blocks = useMemo(() => windowBlocks(analysis), [analysis]);
  const [chosenMode, setMode] = useState<'block' | 'free' | 'output'>('block');
  // A network that labels every pixel or finds boxes per cell: one output cell's receptive field on the image.
  const head = useMemo(() => denseOutput(analysis), [analysis]);
  const outputMode = chosenMode === 'output' && head !== null;
  // The window animation keeps its block underneath (hidden), so going back shows it unchanged.
  const mode = chosenMode === 'output' ? 'block' : chosenMode;

  const [free, setFree] = useState<FreePlay>(DEFAULT_FREE_PLAY);
  const [speed, setSpeed] = useState(4);
  const [playing, setPlaying] = useState(false);
  // Selecting a conv / pool block in the builder shows it here (the select list still works on its own).
  const selection = useApp((s) => s.selection);
  // Opened with a conv / pool block selected (the block detail pane), it shows that block from the start.
  const [picked, setPicked] = useState<string | null>(() => selection.find((id) => blocks.some((b) => b.id === id)) ?? null);
  const [seenSelection, setSeenSelection] = useState(selection);
  if (seenSelection !== selection) {
    setSeenSelection(selection);
    const selected = selection.find((id) => blocks.some((b) => b.id === id));
    if (selected) {
      setPicked(selected);
      setMode('block');
    }
  }
  const blockId = blocks.some((b) => b.id === picked) ? picked : (blocks[0]?.id ?? null);
  const scene = useArithScene(mode, blockId, free, spec, analysis);
  const host = useRef<HTMLDivElement>(null);
  const diagram = useRef<ArithDiagram | null>(null);

  useEffect(() => {
    if (!host.current) return undefined;
    diagram.current = createArithDiagram(host.current);
    return () => {
      diagram.current?.destroy();
      diagram.current = null;
    };
  }, []);

  const labels = useMemo<ArithLabels>(() => ({
    input: t('arith.inputGrid'),
    output: t('arith.outputGrid'),
    image: t('arith.imageGrid'),
    caption: (f) => t('arith.caption', f),
    field: (rf) => t('arith.field.caption', {
      rows: `${rf.rows.lo}–${rf.rows.hi}`, cols: `${rf.cols.lo}–${rf.cols.hi}`,
      height: rf.rows.hi - rf.rows.lo + 1, width: rf.cols.hi - rf.cols.lo + 1,
    }),
  }), [t]);

  useEffect(() => {
    const d = diagram.current;
    if (!d || !scene.geometry) return;
    d.show({ geometry: scene.geometry, fieldOf: scene.fieldOf, imageSize: scene.imageSize }, labels);
  }, [scene, labels]);

  useEffect(() => {
    if (playing) diagram.current?.play(speed);
    else diagram.current?.pause();
  }, [playing, speed]);

  const g = scene.geometry;
  const [outH, outW] = g ? outputSize(g) : [0, 0];
  const control = (fn: (d: ArithDiagram) => void) => () => {
    setPlaying(false);
    if (diagram.current) fn(diagram.current);
  };

  return (
    <section className="panel arith-view" aria-labelledby="arith-heading" data-testid="arith-view"
      data-mode={outputMode ? 'output' : mode} data-block={mode === 'block' ? (blockId ?? '') : ''} data-out-h={outH} data-out-w={outW}>
      <h2 id="arith-heading">
        {t('arith.heading')}
        <SaveButtons target={host} name={`arithmetic-${mode === 'block' ? blockId : 'free-play'}`} />
      </h2>
      <div className="arith-toolbar">
        <div role="radiogroup" aria-label={t('arith.mode')}>
          {(head ? ['block', 'free', 'output'] as const : ['block', 'free'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={outputMode ? m === 'output' : mode === m} data-mode-button={m}
              onClick={() => setMode(m)}>{t(`arith.modes.${m}`)}</button>
          ))}
        </div>
        {mode === 'block' && !outputMode && (
          <label>
            {t('arith.block')}{' '}
            <select value={blockId ?? ''} onChange={(e) => setPicked(e.target.value)} data-field="block"
              disabled={blocks.length === 0}>
              {blocks.map((b) => <option key={b.id} value={b.id}>{b.id} ({b.kind})</option>)}
            </select>
          </label>
        )}
      </div>
      {outputMode && head && <OutputFieldView spec={spec} analysis={analysis} head={head} />}
      <div className="arith-window" hidden={outputMode}>
      {mode === 'free' && <FreePlayControls value={free} onChange={setFree} />}
      {mode === 'block' && blocks.length === 0 && <p className="muted">{t('arith.noBlocks')}</p>}
      <ul className="arith-formulas">
        {scene.axes.map((a) => (
          <li key={a.axis} data-axis={a.axis}>
            <strong>{t(`arith.axis.${a.axis}`)}</strong>{' '}
            <code>{a.formula}</code>{' '}
            <span className="muted">{t('arith.numbers', {
              input: a.input, kernel: a.kernel, reach: a.effectiveKernel ?? a.kernel, dilation: a.dilation ?? 1,
              stride: a.stride, before: a.padBefore, after: a.padAfter,
            })}</span>
          </li>
        ))}
      </ul>
      {g && outH * outW === 0 && (
        <p className="warning" role="alert">{t('arith.noFit', {
          reachH: reach(g.height), reachW: reach(g.width), paddedH: paddedSize(g.height), paddedW: paddedSize(g.width),
        })}</p>
      )}
      {scene.misfits.map((m) => (
        <p key={m.axis} className="warning stride-misfit" role="status">
          {t('arith.misfit', { axis: t(`arith.axis.${m.axis}`), count: m.dropped })}
        </p>
      ))}
      <div className="arith-controls">
        <button type="button" data-action="arith-reset" onClick={control((d) => d.setStep(0))}>{t('arith.reset')}</button>
        <button type="button" data-action="arith-back" onClick={control((d) => d.step(-1))}>{t('arith.back')}</button>
        <button type="button" data-action="arith-play" aria-pressed={playing} disabled={outH * outW === 0}
          onClick={() => setPlaying((p) => !p)}>{playing ? t('arith.pause') : t('arith.play')}</button>
        <button type="button" data-action="arith-forward" onClick={control((d) => d.step(1))}>{t('arith.forward')}</button>
        <label className="slider">
          <span>{t('arith.speed')}</span>
          <input type="range" min={1} max={30} value={speed} onChange={(e) => setSpeed(Number(e.target.value))} />
          <output>{t('arith.perSecond', { count: speed })}</output>
        </label>
      </div>
      <p className="muted arith-summary">{t('arith.summary', { height: outH, width: outW })}</p>
      <div className="arith-host" ref={host} />
      <p className="muted">{t('arith.hint')}{mode === 'block' && ` ${t('arith.hintField')}`}</p>
      </div>
    </section>
  );
});
