import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { channelOf, convolve, PADDING_MODES, type Kernel, type LabImage, type PaddingMode } from '../../kernelLab/convolve';
import { blankKernel, KERNELS, kernelIdOf } from '../../kernelLab/kernels';
import { useServices } from '../AppContext';
import { LabCanvas } from './ImageCanvas';
import { datasetImage, patternImage, photoImage } from './images';
import { KernelGrid } from './KernelGrid';
import { MultiplyAdds } from './MultiplyAdds';
import './kernelLab.css';

type Source = 'pattern' | 'digit' | 'cifar' | 'upload';
const SOURCES: readonly Source[] = ['pattern', 'digit', 'cifar', 'upload'];
const PATTERN = patternImage();

/** Lesson 1's lab: a kernel (named or hand-edited) slid over an image, with each padding mode and channel. */
export const KernelLab = memo(function KernelLab() {
  const { t } = useTranslation('lessons');
  const { store } = useServices();
  const [source, setSource] = useState<Source>('pattern');
  const [image, setImage] = useState<LabImage>(PATTERN);
  const [status, setStatus] = useState<string | null>(null);
  const [kernel, setKernel] = useState<Kernel>(KERNELS[0] as Kernel);
  const [padding, setPadding] = useState<PaddingMode>('zero');
  const [channels, setChannels] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const output = useMemo(() => convolve(image, kernel, padding), [image, kernel, padding]);
  const named = kernelIdOf(kernel);
  const lab = () => store.getState().lessonResults.kernelLab;

  // The padding on screen counts as seen, also after the next step has started its results afresh.
  useEffect(() => {
    const note = () => {
      const seen = lab().paddingsSeen;
      if (!seen.includes(padding)) store.getState().recordKernelLab({ paddingsSeen: [...seen, padding] });
    };
    note();
    return store.subscribe(note);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [padding, store]);
  useEffect(() => {
    if (channels && image.channels === 3 && !lab().channelsViewed) store.getState().recordKernelLab({ channelsViewed: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channels, image, store]);

  const applyNamed = (k: (typeof KERNELS)[number]) => {
    setKernel(k);
    const applied = lab().kernelsApplied;
    if (!applied.includes(k.id)) store.getState().recordKernelLab({ kernelsApplied: [...applied, k.id] });
  };
  const edit = (k: Kernel) => {
    setKernel(k);
    const id = kernelIdOf(k);
    if (id === null) store.getState().recordKernelLab({ customKernel: k });
    else if (!lab().kernelsApplied.includes(id)) store.getState().recordKernelLab({ kernelsApplied: [...lab().kernelsApplied, id] });
  };
  const pick = (next: Source, file?: File) => {
    setSource(next);
    setHover(null);
    if (next === 'pattern') {
      setImage(PATTERN);
      setStatus(null);
      return;
    }
    setStatus(t('kernel.loading'));
    const load = next === 'upload'
      ? (file ? photoImage(file).catch(() => { throw new Error(t('kernel.notPicture')); }) : Promise.reject(new Error(t('kernel.notPicture'))))
      : datasetImage(next === 'digit' ? 'mnist' : 'cifar10', 0, import.meta.env.BASE_URL);
    load.then((img) => {
      setImage(img);
      setStatus(null);
    }).catch((err: unknown) => {
      setImage(PATTERN);
      setSource('pattern');
      setStatus(t('kernel.loadFailed', { message: err instanceof Error ? err.message : String(err) }));
    });
  };
  // Reading an output pixel's multiply-adds is what step 1.1 asks for; the lab records that it happened.
  const inspect = (at: { x: number; y: number } | null) => {
    setHover(at);
    if (at && !lab().inspected) store.getState().recordKernelLab({ inspected: true });
  };
  const names = t('kernel.channelNames', { returnObjects: true }) as string[];
  const perChannel = channels && image.channels === 3;

  return (
    <section className="kernel-lab" aria-labelledby="kernel-lab-heading" data-panel="kernel-lab">
      <h3 id="kernel-lab-heading">{t('kernel.heading')}</h3>
      <div className="lab-controls">
        <label className="field">{t('kernel.image')}
          <select value={source} data-testid="lab-source" onChange={(e) => { if (e.target.value !== 'upload') pick(e.target.value as Source); else setSource('upload'); }}>
            {SOURCES.map((s) => <option key={s} value={s}>{t(`kernel.sources.${s}`)}</option>)}
          </select>
        </label>
        {source === 'upload' && (
          <input type="file" accept="image/*" data-testid="lab-upload" onChange={(e) => { const f = e.target.files?.[0]; if (f) pick('upload', f); }} />
        )}
        <label className="field">{t('kernel.padding')}
          <select value={padding} data-testid="lab-padding" onChange={(e) => setPadding(e.target.value as PaddingMode)}>
            {PADDING_MODES.map((m) => <option key={m} value={m}>{t(`kernel.paddings.${m}`)}</option>)}
          </select>
        </label>
        <label className="field">{t('kernel.size')}
          <select value={kernel.size} data-testid="lab-size" onChange={(e) => edit(blankKernel(Number(e.target.value) === 5 ? 5 : 3))}>
            <option value={3}>3 × 3</option>
            <option value={5}>5 × 5</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={channels} disabled={image.channels !== 3} data-testid="lab-channels"
            onChange={(e) => setChannels(e.target.checked)} /> {t('kernel.channels')}
        </label>
      </div>
      {status && <p className="notice" role="status">{status}</p>}
      <div className="lab-kernels" role="group" aria-label={t('kernel.kernels')}>
        {KERNELS.map((k) => (
          <button key={k.id} type="button" data-kernel={k.id} aria-pressed={named === k.id} onClick={() => applyNamed(k)}>
            {t(`kernel.names.${k.id}`)}
          </button>
        ))}
      </div>
      <div className="lab-main">
        <div>
          <p className="muted">{named ? t(`kernel.names.${named}`) : t('kernel.custom')}</p>
          <KernelGrid kernel={kernel} onChange={edit} name="lab-grid" />
        </div>
        {perChannel ? (
          <div className="lab-channels" data-testid="lab-channel-view">
            {[0, 1, 2].map((c) => (
              <div key={c} className="lab-pair">
                <LabCanvas image={channelOf(image, c)} label={`${t('kernel.input')} · ${names[c]}`} />
                <LabCanvas image={channelOf(output, c)} label={`${t('kernel.output')} · ${names[c]}`} onHover={inspect} />
              </div>
            ))}
          </div>
        ) : (
          <div className="lab-pair">
            <LabCanvas image={image} label={t('kernel.input')} testId="lab-input" />
            <LabCanvas image={output} label={t('kernel.output')} onHover={inspect} testId="lab-output" />
          </div>
        )}
      </div>
      <MultiplyAdds image={image} kernel={kernel} padding={padding} at={hover} />
    </section>
  );
});
