import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatasetClassNames } from './classNames';
import { ImageIndex } from './ImageIndex';
import { paintImage, perturbationPixels } from './paint';
import { Status } from './Status';
import { useUnderstand } from './useUnderstand';

const SIZE = 140;

function Probs({ probs, names, label }: { probs: Float32Array; names: readonly string[]; label: number }) {
  const best = probs.indexOf(Math.max(...probs));
  return (
    <ol className="understand-probs">
      {Array.from(probs, (p, i) => (
        <li key={i} className={i === best ? 'best' : undefined} data-true={i === label || undefined}>
          <span>{names[i] ?? i}</span><span className="bar" style={{ width: `${Math.round(p * 100)}%` }} /><span>{(p * 100).toFixed(1)}%</span>
        </li>
      ))}
    </ol>
  );
}

/** FGSM, or the iterative attack towards a class: original, amplified perturbation, result, and probabilities. */
export function AttackView() {
  const { t } = useTranslation('understand');
  const link = useUnderstand('attack');
  const names = useDatasetClassNames();
  const [index, setIndex] = useState(0);
  const [mode, setMode] = useState<'fgsm' | 'targeted'>('fgsm');
  const [epsilon, setEpsilon] = useState(0.1);
  const [chosenTarget, setTarget] = useState(3);
  // A dataset with fewer classes (own images) keeps the choice within its classes.
  const target = Math.max(0, Math.min(chosenTarget, names.length - 1));
  const [steps, setSteps] = useState(10);
  const canvas = useRef<HTMLCanvasElement>(null);
  const result = link.answer?.result?.view === 'attack' ? link.answer.result : null;

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !result) return;
    const scale = SIZE / Math.max(result.shape.height, result.shape.width);
    const moved = result.adversarial.reduce((m, v, i) => Math.max(m, Math.abs(v - (result.original[i] as number))), 0);
    paintImage(ctx, result.original, result.shape, 0, 0, scale);
    paintImage(ctx, perturbationPixels(result.original, result.adversarial, moved), result.shape, SIZE + 12, 0, scale);
    paintImage(ctx, result.adversarial, result.shape, 2 * (SIZE + 12), 0, scale);
  }, [result]);

  const guess = (p: Float32Array) => p.indexOf(Math.max(...p));
  return (
    <div className="understand-view" data-view="attack">
      <p className="muted understand-intro">{t('attack.intro')}</p>
      <div className="understand-controls">
        <ImageIndex value={index} onChange={setIndex} />
        <label>{t('attack.mode')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as 'fgsm' | 'targeted')}>
            <option value="fgsm">{t('attack.fgsm')}</option>
            <option value="targeted">{t('attack.targeted')}</option>
          </select>
        </label>
        <label>{t('attack.epsilon', { value: epsilon.toFixed(2) })}{' '}
          <input type="range" min={0} max={0.5} step={0.01} value={epsilon} onChange={(e) => setEpsilon(Number(e.target.value))} />
        </label>
        {mode === 'targeted' && (
          <>
            <label>{t('attack.target')}{' '}
              <select value={target} onChange={(e) => setTarget(Number(e.target.value))}>
                {names.map((name, i) => <option key={name} value={i}>{name}</option>)}
              </select>
            </label>
            <label>{t('attack.steps')} <input type="number" min={1} max={100} value={steps}
              onChange={(e) => setSteps(Math.max(1, Math.min(100, Math.round(Number(e.target.value) || 1))))} /></label>
          </>
        )}
        <button type="button" onClick={() => link.ask({ view: 'attack', index, mode, epsilon, target, steps })} disabled={link.busy}>{t('attack.run')}</button>
      </div>
      <Status link={link} />
      {result && (
        <>
          <canvas ref={canvas} width={3 * SIZE + 24} height={SIZE} data-testid="understand-attack" role="img" aria-label={t('attack.aria')} />
          <div className="understand-captions muted"><span>{t('attack.original')}</span><span>{t('attack.perturbation')}</span><span>{t('attack.result')}</span></div>
          <p role="status" data-testid="understand-attack-verdict" data-flipped={guess(result.after) !== guess(result.before)}
            data-before-correct={guess(result.before) === result.label}>{guess(result.after) === guess(result.before)
            ? t('attack.held', { name: names[guess(result.after)] ?? '' })
            : t('attack.flipped', { from: names[guess(result.before)] ?? '', to: names[guess(result.after)] ?? '' })}</p>
          <div className="understand-row">
            <figure><figcaption>{t('attack.before')}</figcaption><Probs probs={result.before} names={names} label={result.label} /></figure>
            <figure><figcaption>{t('attack.after')}</figcaption><Probs probs={result.after} names={names} label={result.label} /></figure>
          </div>
        </>
      )}
    </div>
  );
}
