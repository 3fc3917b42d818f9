import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { makeImage } from '../../kernelLab/convolve';
import { findKernel, type KernelId } from '../../kernelLab/kernels';
import { kernelDistance, learnStep, makeLearnTask, startLearning, type LearnState } from '../../kernelLab/learnKernel';
import { useServices } from '../AppContext';
import { LabCanvas } from './ImageCanvas';
import { learningImage } from './images';
import { KernelGrid } from './KernelGrid';

const HIDDEN: readonly KernelId[] = ['sobelX', 'sobelY', 'edge2', 'sharpen', 'gaussian3'];
const IMAGE = learningImage();
const STEPS_PER_RUN = 200;
const STEPS_PER_FRAME = 20;

/** d2l.ai 7.2 in the page: gradient descent on a blank 3x3 grid recovers a hidden kernel, the loss falling. */
export const LearnKernel = memo(function LearnKernel() {
  const { t } = useTranslation('lessons');
  const { t: ta } = useTranslation();
  const { store } = useServices();
  const [hiddenId, setHiddenId] = useState<KernelId>('sobelX');
  const hidden = findKernel(hiddenId)!;
  const task = useMemo(() => makeLearnTask(IMAGE, hidden), [hidden]);
  const [state, setState] = useState<LearnState>(() => startLearning(3));
  const frame = useRef<number | null>(null);
  const stop = () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  };
  useEffect(() => stop, []);

  const advance = (from: LearnState, steps: number): LearnState => {
    let s = from;
    for (let i = 0; i < steps; i++) s = learnStep(task, s);
    store.getState().recordKernelLab({ learnedLoss: s.losses.at(-1) ?? null, learnedDistance: kernelDistance(s.kernel, hidden) });
    return s;
  };
  const run = () => {
    stop();
    let left = STEPS_PER_RUN;
    let s = state;
    const tick = () => {
      s = advance(s, Math.min(STEPS_PER_FRAME, left));
      left -= STEPS_PER_FRAME;
      setState(s);
      frame.current = left > 0 ? requestAnimationFrame(tick) : null;
    };
    frame.current = requestAnimationFrame(tick);
  };
  const restart = (id: KernelId = hiddenId) => {
    stop();
    setHiddenId(id);
    setState(startLearning(3));
    store.getState().recordKernelLab({ learnedLoss: null, learnedDistance: null });
  };
  const target = useMemo(() => makeImage(IMAGE.width - 2, IMAGE.height - 2, 1, task.target), [task]);
  const loss = state.losses.at(-1);
  const path = sparkPath(state.losses);
  const fmt = (v: number) => v.toExponential(2);

  return (
    <section className="learn-kernel" aria-labelledby="learn-heading" data-panel="learn-kernel">
      <h3 id="learn-heading">{t('learn.heading')}</h3>
      <div className="lab-controls">
        <label className="field">{t('learn.hidden')}
          <select value={hiddenId} data-testid="learn-hidden" onChange={(e) => restart(e.target.value as KernelId)}>
            {/* Numbered, not named: the name would give away what the student is to find. */}
            {HIDDEN.map((id, i) => <option key={id} value={id}>{t('learn.mystery', { n: i + 1 })}</option>)}
          </select>
        </label>
        <button type="button" data-action="learn-step" onClick={() => { stop(); setState(advance(state, 1)); }}>{t('learn.step')}</button>
        <button type="button" className="primary" data-action="learn-run" onClick={run}>{t('learn.run')}</button>
        <button type="button" data-action="learn-restart" onClick={() => restart()}>{t('learn.restart')}</button>
      </div>
      <p role="status" data-testid="learn-status" data-loss={loss ?? ''}>
        {loss === undefined ? '' : t('learn.status', { step: state.step, loss: fmt(loss), distance: fmt(kernelDistance(state.kernel, hidden)) })}
      </p>
      <div className="learn-row">
        <LabCanvas image={IMAGE} label={t('kernel.input')} />
        <LabCanvas image={target} label={t('learn.target')} />
        <div>
          <p className="muted">{t('learn.learned')}</p>
          <KernelGrid kernel={state.kernel} readOnly name="learned-grid" />
        </div>
        <svg className="loss-spark" viewBox="0 0 220 60" role="img" aria-label={ta('chart.loss', { defaultValue: 'loss' })}>
          <path d={path} />
        </svg>
      </div>
    </section>
  );
});

/** The loss on a log scale, left to right over the steps so far. */
function sparkPath(losses: readonly number[]): string {
  if (losses.length < 2) return '';
  const logs = losses.map((l) => Math.log10(Math.max(l, 1e-12)));
  const hi = Math.max(...logs);
  const lo = Math.min(...logs);
  const span = hi - lo || 1;
  return logs.map((v, i) => `${i === 0 ? 'M' : 'L'}${((i / (logs.length - 1)) * 216 + 2).toFixed(1)},${(2 + ((hi - v) / span) * 56).toFixed(1)}`).join('');
}
