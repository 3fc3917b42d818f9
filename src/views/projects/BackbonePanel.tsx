// Transfer learning from a saved project: its network up to a chosen block, with its trained weights, and a
// new output for the current dataset (project/backbone.ts). A bad choice gets its sentence; the network on
// screen changes only when the new one was made.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyzeModel } from '../../model/analyze';
import { cutCandidates, makeBackbone, type BackboneMode, type BackboneProblem } from '../../project/backbone';
import { openProjectStore } from '../../project/projectStore';
import type { Project } from '../../project/types';
import { useApp } from '../AppContext';
import { formatShape } from '../format';
import { TransferComparePanel } from '../compare/TransferComparePanel';

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; project: Project };

function useSavedProject(id: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setLoaded({ state: 'loading' });
    void openProjectStore().then(async (store) => {
      try {
        const project = await store.load(id);
        if (!cancelled) setLoaded(project ? { state: 'ready', project } : { state: 'missing' });
      } finally {
        store.close();
      }
    }).catch(() => {
      if (!cancelled) setLoaded({ state: 'missing' });
    });
    return () => {
      cancelled = true;
    };
  }, [id]);
  return loaded;
}

/** The cut's default: the last block before the output's own input, where a new head usually goes. */
const defaultCut = (candidates: readonly string[]) => candidates.at(-1) ?? '';

interface PanelProps {
  readonly projectId: string;
  /** Makes the new network a project of its own, so the saved one keeps its network and weights. */
  readonly newProject: ((name: string) => Promise<void>) | null;
  readonly onClose: () => void;
}

export function BackbonePanel({ projectId, newProject, onClose }: PanelProps) {
  const { t } = useTranslation('project');
  const id = useId();
  const loaded = useSavedProject(projectId);
  const dataShape = useApp((s) => s.dataShape);
  const setSpec = useApp((s) => s.setSpec);
  const setStartWeights = useApp((s) => s.setStartWeights);
  const [cut, setCut] = useState('');
  const [mode, setMode] = useState<BackboneMode>('probe');
  const [comparing, setComparing] = useState(false);
  const [outcome, setOutcome] = useState<{ problem: BackboneProblem } | { done: Record<string, string | number> } | null>(null);
  if (loaded.state === 'loading') return <section className="backbone-panel"><p className="muted">{t('backbone.loading')}</p></section>;
  if (loaded.state === 'missing') {
    return <section className="backbone-panel"><p className="error-text" role="alert">{t('backbone.problem.notFound')}</p></section>;
  }
  const { project } = loaded;
  const candidates = cutCandidates(project.experiment.spec);
  const chosen = candidates.includes(cut) ? cut : defaultCut(candidates);
  const shapes = new Map(analyzeModel(project.experiment.spec, project.dataShape).blocks.map((b) => [b.id, b.outputShape]));
  const build = async () => {
    const made = makeBackbone(project, chosen, dataShape, mode);
    if (!made.ok) return setOutcome({ problem: made.problem });
    // Editing the open project's network in place would drop its trained weights at the next save.
    await newProject?.(t('backbone.projectName', { name: project.name }));
    setSpec(made.value.spec);
    setStartWeights({ from: project.name, weights: made.value.weights });
    setOutcome({ done: { name: project.name, block: chosen, count: made.value.weights.length } });
  };
  return (
    <section className="backbone-panel" aria-labelledby={`${id}-h`} data-backbone={project.name}>
      <h2 id={`${id}-h`}>{t('backbone.heading', { name: project.name })}</h2>
      <p className="muted">{t('backbone.hint', { classes: dataShape.numClasses })}</p>
      {project.weights === null && <p className="error-text" role="alert" data-problem="noWeights">{t('backbone.problem.noWeights')}</p>}
      <div className="backbone-fields">
        <label htmlFor={`${id}-cut`}>{t('backbone.cut')}</label>
        <select id={`${id}-cut`} value={chosen} data-field="backbone-cut" onChange={(e) => setCut(e.target.value)}>
          {candidates.map((c) => <option key={c} value={c}>{`${c} (${formatShape(shapes.get(c) ?? null)})`}</option>)}
        </select>
        <fieldset>
          <legend>{t('backbone.mode')}</legend>
          {(['probe', 'finetune'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} data-field={`backbone-${m}`} onChange={() => setMode(m)} /> {t(`backbone.${m}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <button type="button" data-action="build-backbone" disabled={project.weights === null || chosen === ''} onClick={() => void build()}>{t('backbone.build')}</button>{' '}
      <button type="button" data-action="compare-transfer" aria-expanded={comparing} disabled={project.weights === null || chosen === ''}
        onClick={() => setComparing(!comparing)}>{t('transfer.compare')}</button>{' '}
      <button type="button" onClick={onClose}>{t('backbone.cancel')}</button>
      {outcome && 'problem' in outcome && (
        <p className="error-text" role="alert" data-problem={outcome.problem.code}>{t(`backbone.problem.${outcome.problem.code}`, outcome.problem.values)}</p>
      )}
      {outcome && 'done' in outcome && <p role="status" data-backbone-done>{t('backbone.done', outcome.done)}</p>}
      {comparing && chosen !== '' && <TransferComparePanel project={project} cut={chosen} />}
    </section>
  );
}

/** While runs start from a backbone's weights: says so, and lets the student start fresh instead. */
export function StartWeightsNote() {
  const { t } = useTranslation('project');
  const start = useApp((s) => s.startWeights);
  const setStartWeights = useApp((s) => s.setStartWeights);
  if (start === null) return null;
  return (
    <p className="muted" data-testid="start-weights">
      {t('backbone.startsFrom', { name: start.from })}{' '}
      <button type="button" className="link-button" onClick={() => setStartWeights(null)}>{t('backbone.forget')}</button>
    </p>
  );
}
