// The project list: the open project's name and save state in the header; a panel with every project saved
// in this browser (date, test accuracy, weight size; open, duplicate, delete), rename, new, project file
// in and out, and the Export menu. Self-contained: it opens the project store and session itself.
import { memo, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_TARGETS, type ExportFile } from '../../codegen/bundle';
import { COURSE_TARGETS } from '../../codegen/courseTargets';
import { ProjectStoreError } from '../../project/projectStore';
import type { ProjectSession, ProjectSessionState } from '../../project/projectSession';
import { pageSession } from './pageSession';
import { useApp, useServices } from '../AppContext';
import { ProjectList } from './ProjectList';
import { BackbonePanel, StartWeightsNote } from './BackbonePanel';
import './projects.css';

const IDLE: ProjectSessionState = { ready: false, current: null, unsaved: false, list: [], saving: false, problem: null };
const noSession = { subscribe: () => () => undefined, getState: () => IDLE };

function download(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function useProjectSession(): { session: ProjectSession | null; failure: string | null } {
  const { store, run, series } = useServices();
  const { t } = useTranslation('project');
  const [session, setSession] = useState<ProjectSession | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    pageSession({ store, run, series }, t).then((s) => {
      if (!cancelled) setSession(s);
    }, (err: unknown) => {
      if (!cancelled) setFailure(err instanceof ProjectStoreError ? String(err.values.detail ?? '') : String(err));
    });
    return () => {
      cancelled = true;
    };
    // The default name is only read when the session is made.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, run, series]);
  return { session, failure };
}

export const ProjectsMenu = memo(function ProjectsMenu() {
  const { t } = useTranslation('project');
  const { session, failure } = useProjectSession();
  const source = session ?? noSession;
  const state = useSyncExternalStore(source.subscribe, source.getState);
  const [open, setOpen] = useState(false);
  const [backbone, setBackbone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const current = state.current;
  // Own images stay in the page (neither the project nor its file holds them): said before it is saved, not after.
  const ownImages = useApp((s) => s.datasetId === 'custom');
  const saved = ownImages ? t('savedWithoutImages') : t('saved');
  const status = state.saving ? t('saving') : state.problem?.code === 'quota' || failure ? t('notSaved') : state.unsaved ? t('unsaved') : saved;

  const exportTo = (target: (typeof EXPORT_TARGETS)[number]) => {
    void session?.exportTo(target).then((file: ExportFile | null) => {
      if (file) download(file.bytes, file.fileName, file.mimeType);
    });
  };

  return (
    <div className="projects-menu">
      <button type="button" className="projects-toggle" aria-expanded={open} title={current ? `${current.name}\n${t('menuHint')}` : t('menuHint')} data-action="projects" onClick={() => setOpen(!open)}>
        {t('menu')}{current ? `: ${current.name}` : ''}
      </button>
      <span className="projects-status" role="status" data-saving={state.saving} data-unsaved={state.unsaved} data-own-images={ownImages}
        title={state.unsaved ? t('unsavedHint') : ownImages ? t('ownImagesNote') : undefined}>{session || failure ? status : ''}</span>
      {open && (
        <section className="projects-panel" aria-label={t('menu')}>
          <header className="projects-panel-head">
            {current && (
              <label>
                {t('rename')}
                <input
                  key={current.id}
                  defaultValue={current.name}
                  maxLength={200}
                  data-field="project-name"
                  onBlur={(e) => {
                    const name = e.currentTarget.value.trim();
                    if (name !== '' && name !== current.name) void session?.rename(current.id, name);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                  }}
                />
              </label>
            )}
            <button type="button" onClick={() => void session?.newProject(t('untitled'))} disabled={!session}>{t('newProject')}</button>
            <button type="button" onClick={() => setOpen(false)}>{t('close')}</button>
          </header>
          {(state.problem || failure) && (
            <p className="error-text" role="alert" data-problem={state.problem?.code ?? 'unavailable'}>
              {state.problem ? t(`problem.${state.problem.code}`, state.problem.values) : t('problem.unavailable', { detail: failure })}
              {' '}
              {state.problem && <button type="button" className="link-button" onClick={() => session?.dismissProblem()}>{t('dismiss')}</button>}
            </p>
          )}
          {ownImages && <p className="muted" data-testid="project-own-images">{t('ownImagesNote')}</p>}
          <StartWeightsNote />
          <ProjectList state={state} session={session} onBackbone={setBackbone} />
          {backbone !== null && <BackbonePanel key={backbone} projectId={backbone} onClose={() => setBackbone(null)}
            newProject={session ? (name) => session.newProject(name) : null} />}
          <div className="projects-actions">
            <div>
              <h2>{t('fileHeading')}</h2>
              <button type="button" data-action="export-project" disabled={!current} onClick={() => {
                const bytes = session?.exportProject();
                if (bytes && current) download(bytes, `${current.name.replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'project'}.cnnp.zip`, 'application/zip');
              }}>{t('exportProject')}</button>
              <button type="button" data-action="import-project" disabled={!session} onClick={() => fileInput.current?.click()}>{t('importProject')}</button>
              <input ref={fileInput} type="file" accept=".zip,application/zip" hidden data-field="project-file" onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (file && session) void file.arrayBuffer().then((b) => session.importFile(new Uint8Array(b)));
              }} />
            </div>
            <div>
              <h2>{t('exportHeading')}</h2>
              <p className="muted">{t('exportHint')}</p>
              {[...EXPORT_TARGETS, ...COURSE_TARGETS].map((target) => (
                <button key={target} type="button" data-export={target} disabled={!session} onClick={() => exportTo(target)}>{t(`target.${target}`)}</button>
              ))}
            </div>
          </div>
        </section>
      )}
    </div>
  );
});
