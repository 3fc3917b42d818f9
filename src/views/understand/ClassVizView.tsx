import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatasetClassNames } from './classNames';
import { useChoosableBlocks } from './blocks';
import { paintImage } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';

const SIZE = 196;

/** Gradient ascent on the input towards a class score or a channel, animated frame by frame. */
export function ClassVizView() {
  const { t } = useTranslation('understand');
  const link = useUnderstand('classviz');
  const classNames = useDatasetClassNames();
  const blocks = useChoosableBlocks();
  const [kind, setKind] = useState<'class' | 'channel'>('class');
  const [chosenClass, setCls] = useState(0);
  const cls = Math.max(0, Math.min(chosenClass, classNames.length - 1));
  const [blockId, setBlockId] = useState('');
  const [channel, setChannel] = useState(0);
  const [steps, setSteps] = useState(100);
  const [l2, setL2] = useState(0.1);
  const [blurEvery, setBlurEvery] = useState(10);
  const [jitter, setJitter] = useState(1);
  const block = blocks.find((b) => b.id === blockId) ?? blocks[0];
  const image = useRef<HTMLCanvasElement>(null);
  const curve = useRef<HTMLCanvasElement>(null);
  const result = link.answer?.result?.view === 'classviz' ? link.answer.result : null;

  useEffect(() => {
    const ctx = image.current?.getContext('2d');
    if (!ctx || !result) return;
    paintImage(ctx, result.image, result.shape, 0, 0, SIZE / Math.max(result.shape.height, result.shape.width));
    const c = curve.current?.getContext('2d');
    if (!c) return;
    const { width, height } = c.canvas;
    c.clearRect(0, 0, width, height);
    const s = Array.from(result.scores);
    const lo = Math.min(...s);
    const hi = Math.max(...s);
    c.strokeStyle = '#3b7dd8';
    c.beginPath();
    s.forEach((v, i) => {
      const x = (i / Math.max(1, steps - 1)) * (width - 4) + 2;
      const y = height - 4 - ((v - lo) / (hi - lo || 1)) * (height - 8);
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    });
    c.stroke();
  }, [result, steps]);

  const run = () => link.ask({
    view: 'classviz', steps, rate: 0.05, l2, blurEvery, jitter, frameEvery: 5,
    target: kind === 'class' ? { kind: 'class', cls } : { kind: 'channel', blockId: block?.id ?? '', channel },
  });
  const num = (set: (v: number) => void, lo: number, hi: number, int = true) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = Number(e.target.value);
    if (Number.isFinite(v)) set(Math.max(lo, Math.min(hi, int ? Math.round(v) : v)));
  };
  const last = result?.scores[result.scores.length - 1];
  return (
    <div className="understand-view" data-view="classviz">
      <p className="muted understand-intro">{t('classviz.intro')}</p>
      <div className="understand-controls">
        <label>{t('classviz.target')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'class' | 'channel')}>
            <option value="class">{t('classviz.aClass')}</option>
            <option value="channel">{t('classviz.aChannel')}</option>
          </select>
        </label>
        {kind === 'class' ? (
          <label>{t('common.class')}{' '}
            <select value={cls} onChange={(e) => setCls(Number(e.target.value))}>
              {classNames.map((name, i) => <option key={name} value={i}>{name}</option>)}
            </select>
          </label>
        ) : (
          <>
            <label>{t('common.block')}{' '}
              <select value={block?.id ?? ''} onChange={(e) => { setBlockId(e.target.value); setChannel(0); }}>
                {blocks.map((b) => <option key={b.id} value={b.id}>{b.id}</option>)}
              </select>
            </label>
            <label>{t('common.channel', { max: (block?.channels ?? 1) - 1 })}{' '}
              <input type="number" min={0} max={(block?.channels ?? 1) - 1} value={channel} onChange={num(setChannel, 0, (block?.channels ?? 1) - 1)} />
            </label>
          </>
        )}
        <label>{t('classviz.steps')} <input type="number" min={1} max={500} value={steps} onChange={num(setSteps, 1, 500)} /></label>
        <label>{t('classviz.l2')} <input type="number" min={0} max={10} step={0.05} value={l2} onChange={num(setL2, 0, 10, false)} /></label>
        <label>{t('classviz.blur')} <input type="number" min={0} max={100} value={blurEvery} onChange={num(setBlurEvery, 0, 100)} /></label>
        <label>{t('classviz.jitter')} <input type="number" min={0} max={8} value={jitter} onChange={num(setJitter, 0, 8)} /></label>
        <button type="button" onClick={run}>{link.busy ? t('classviz.restart') : t('classviz.run')}</button>
      </div>
      <Status link={link} />
      {result && (
        <div className="understand-row">
          <canvas ref={image} width={SIZE} height={SIZE} data-testid="understand-classviz" data-step={result.step} role="img" aria-label={t('classviz.aria')} />
          <figure>
            <canvas ref={curve} width={220} height={80} role="img" aria-label={t('classviz.curve')} />
            <figcaption className="muted">{t('classviz.progress', { step: result.step, steps, score: last?.toFixed(2) ?? '' })}</figcaption>
          </figure>
        </div>
      )}
    </div>
  );
}
