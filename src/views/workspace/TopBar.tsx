// The workspace's top bar: the run (train / pause / step / reset and where it is), what it runs on (dataset,
// preset, backend), language, the link and presenter mode. Its buttons perform the same action objects as
// the keys (actions.ts).
import { lazy, memo, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DATASETS, type DatasetId } from '../../data/registry';
import { PRESETS, REFERENCE_PRESETS } from '../../model/presets';
import { selectCanTrain, selectFirstError, selectIsPaused, selectIsRunning, selectRunActive, selectStepsPerEpoch } from '../../store/appStore';
import { selectPresetOnScreen } from '../../store/presetShown';
import { selectRunEpochs } from '../../store/runSlice';
import type { BackendChoice } from '../../train/api/protocol';
import { useApp, useServices } from '../AppContext';
import { ErrorBoundary } from '../ErrorBoundary';
import { formatCount } from '../format';
import { LanguageSwitch } from '../LanguageSwitch';
import { CopyLinkButton } from '../LinkBar';
import { useRunEstimate } from '../training/useRunEstimate';
import { ACTIONS, type ActionContext } from './actions';
// With the page's styles, so the stand-in below has the menu's size before its code arrives.
import '../projects/projects.css';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export function useActionContext(): ActionContext {
  const { store, run } = useServices();
  return useMemo(() => ({ store, run }), [store, run]);
}

/** Why Train is disabled, as its tooltip (the Data & training panel says it in full; the block shows its issue). */
function useTrainBlockedReason(): string | undefined {
  const { t } = useTranslation();
  const { t: tm } = useTranslation('model');
  const firstError = useApp(selectFirstError);
  const study = useApp((s) => s.studyPreset !== null);
  if (study) return t('train.studyOnly');
  if (!firstError) return undefined;
  const reason = tm(`issue.${firstError.code}`, { ...firstError.values, defaultValue: firstError.code });
  return t('train.disabledInvalid', { reason: firstError.blockId ? `${firstError.blockId}: ${reason}` : reason });
}

const RunControls = memo(function RunControls() {
  const { t } = useTranslation('workspace');
  const { t: tr } = useTranslation('run');
  const ctx = useActionContext();
  const running = useApp(selectIsRunning);
  const paused = useApp(selectIsPaused);
  const estimate = useRunEstimate();
  const canTrain = useApp(selectCanTrain) && !(estimate?.refused ?? false);
  const busy = running || paused;
  const blocked = useTrainBlockedReason();
  return (
    <div className="run-controls" role="group" aria-label={t('topBar')}>
      <button type="button" className="primary" data-action="train" disabled={!canTrain}
        title={canTrain ? undefined : blocked}
        onClick={() => ACTIONS.playPause.perform(ctx)}>{t('play')}</button>
      {paused ? (
        <button type="button" data-action="resume" onClick={() => ACTIONS.playPause.perform(ctx)}>{t('resume')}</button>
      ) : (
        <button type="button" data-action="pause" disabled={!running} onClick={() => ACTIONS.playPause.perform(ctx)}>{t('pause')}</button>
      )}
      <button type="button" data-action="step" title={tr('stepHelp')} disabled={!(paused || canTrain)}
        onClick={() => ACTIONS.step.perform(ctx)}>{t('step')}</button>
      <button type="button" data-action="stop" title={t('resetHelp')} disabled={!busy}
        onClick={() => ACTIONS.reset.perform(ctx)}>{t('reset')}</button>
    </div>
  );
});

const Counter = memo(function Counter() {
  const { t, i18n } = useTranslation('workspace');
  const progress = useApp((s) => s.progress);
  const epochs = useApp(selectRunEpochs);
  const perEpoch = useApp(selectStepsPerEpoch);
  const text = progress
    ? t('counter', { epoch: progress.epoch, epochs, step: formatCount(progress.step, i18n.language) })
    : t('counterIdle');
  return <output className="run-counter" data-step={progress?.step ?? 0} data-per-epoch={perEpoch ?? ''}>{text}</output>;
});

const Pickers = memo(function Pickers() {
  const { t } = useTranslation('workspace');
  const { t: tApp } = useTranslation();
  const busy = useApp(selectRunActive);
  const datasetId = useApp((s) => s.datasetId);
  const custom = useApp((s) => s.customDataset);
  const selectDataset = useApp((s) => s.selectDataset);
  const presetId = useApp(selectPresetOnScreen);
  const loadPreset = useApp((s) => s.loadPreset);
  const backendChoice = useApp((s) => s.backendChoice);
  const setBackendChoice = useApp((s) => s.setBackendChoice);
  const presetName = (id: string) => t(`preset.${id}`, { ns: 'model', defaultValue: id });
  return (
    <div className="pickers">
      <label>
        <span>{t('dataset')}</span>
        <select data-testid="top-dataset" value={datasetId} disabled={busy} onChange={(e) => selectDataset(e.target.value as DatasetId)}>
          {DATASETS.map((d) => <option key={d.id} value={d.id}>{t(`datasetName.${d.id}`, { ns: 'data', defaultValue: d.name })}</option>)}
          {custom && <option value="custom">{custom.data.meta.name}</option>}
        </select>
      </label>
      <label>
        <span>{t('preset')}</span>
        <select data-testid="top-preset" value={presetId ?? ''} disabled={busy} onChange={(e) => loadPreset(e.target.value)}>
          {presetId === null && <option value="" disabled>{t('presetEdited')}</option>}
          <optgroup label={tApp('model.trainablePresets')}>
            {PRESETS.map((p) => <option key={p.id} value={p.id}>{presetName(p.id)}</option>)}
          </optgroup>
          <optgroup label={tApp('model.studyPresets')}>
            {REFERENCE_PRESETS.map((p) => <option key={p.id} value={p.id}>{presetName(p.id)}</option>)}
          </optgroup>
        </select>
      </label>
      <label>
        <span>{t('backend')}</span>
        <select name="backend" value={backendChoice} disabled={busy} onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}>
          {BACKEND_CHOICES.map((b) => (
            <option key={b} value={b}>{b === 'auto' ? tApp('train.backendAuto') : tApp(`backendNames.${b}`)}</option>
          ))}
        </select>
      </label>
    </div>
  );
});

// The project store, its files and the exports (zip, notebooks) are a large part of the page's code and none
// of the first screen's: loaded after it, behind a button of the same size (projects.css reserves its width).
const ProjectsMenu = lazy(async () => ({ default: (await import('../projects/ProjectsMenu')).ProjectsMenu }));

function ProjectsMenuLoading() {
  const { t } = useTranslation('project');
  return (
    <div className="projects-menu" aria-busy="true">
      <button type="button" className="projects-toggle" disabled>{t('menu')}</button>
      <span className="projects-status" />
    </div>
  );
}

export const TopBar = memo(function TopBar() {
  const { t } = useTranslation('workspace');
  const { t: tApp } = useTranslation();
  const ctx = useActionContext();
  const presenter = useApp((s) => s.presenter);
  const lessonsOpen = useApp((s) => s.panel === 'lessons');
  const openPanel = useApp((s) => s.openPanel);
  return (
    <header className="top-bar">
      <h1>{tApp('title')}</h1>
      <RunControls />
      <Counter />
      <Pickers />
      <div className="top-bar-end">
        <button type="button" data-action="lessons" aria-pressed={lessonsOpen} onClick={() => openPanel('lessons')}>{t('lessons:heading')}</button>
        <LanguageSwitch />
        <ErrorBoundary><CopyLinkButton /></ErrorBoundary>
        <ErrorBoundary><Suspense fallback={<ProjectsMenuLoading />}><ProjectsMenu /></Suspense></ErrorBoundary>
        <button type="button" data-action="presenter" aria-pressed={presenter} title={t('presenterHelp')}
          onClick={() => ACTIONS.togglePresenter.perform(ctx)}>{t('presenter')}</button>
        <button type="button" data-action="key-map" aria-label={t('keys.heading')} title={t('keys.heading')}
          onClick={() => ACTIONS.keyMap.perform(ctx)}>?</button>
      </div>
    </header>
  );
});
