// What the app opens at start-up, wherever the user came in: the project they last had open, with an edit
// kept on leaving (leaveBackup.ts) put back when it is newer than the stored version. A reload reopens the
// project this tab showed (the history entry is marked with its id: a reload keeps the entry's state, while
// its address may be older than the last edit). A bare address (a bookmark, the installed icon, a typed
// address) reopens the project last open; a link reopens it when it names the same experiment, and otherwise
// opens its own experiment without saving it (nothing new was made yet). Only a browser with no project at
// all starts a fresh one.
import type { AppStore } from '../store/appStore';
import { selectExperiment } from '../store/linkSlice';
import { decodeExperiment, encodeExperiment, type Experiment } from '../store/linkState';
import type { LeaveBackup } from './leaveBackup';
import type { ProjectStore } from './projectStore';
import type { Project, ProjectSummary } from './types';

/**
 * The same experiment gives the same key: once through the link codec, so that key order (a network read
 * from a link is rebuilt in the schema's order) does not make two equal networks differ.
 */
export function experimentKey(e: Experiment): string {
  const text = encodeExperiment(e);
  const back = decodeExperiment(text, e).experiment;
  return back === null ? text : encodeExperiment(back);
}

/** Whether two experiments have the same network and data (weights trained for one fit the other). */
export const sameNetwork = (a: Experiment, b: Experiment): boolean => experimentKey({ ...a, hyper: b.hyper }) === experimentKey(b);

export type StartChoice =
  /** `project` as stored; `restoredEdit`: an edit kept on leaving is on screen, not stored yet. */
  | { readonly kind: 'reopened'; readonly project: Project; readonly list: ProjectSummary[]; readonly restoredEdit: boolean }
  /** A link named another experiment: it is on screen, not saved. */
  | { readonly kind: 'link'; readonly list: ProjectSummary[] }
  /** Nothing saved in this browser yet. */
  | { readonly kind: 'fresh'; readonly list: ProjectSummary[] };

export interface StartDeps {
  readonly store: AppStore;
  readonly projects: ProjectStore;
  readonly backup?: LeaveBackup | undefined;
  /** The project this history entry showed before a reload; null for a new visit. */
  readonly marked?: string | null;
  /** Puts the project on screen (`onScreen`: the page already shows its experiment). */
  readonly show: (project: Project, onScreen: boolean) => boolean;
}

async function lastOpened(projects: ProjectStore, list: readonly ProjectSummary[]): Promise<Project | null> {
  const currentId = await projects.currentId();
  const last = currentId === null ? null : await projects.load(currentId);
  // The open project was deleted: the one saved most recently is where the user left off.
  return last ?? (list[0] ? projects.load(list[0].id) : null);
}

/**
 * The stored project with the edit kept on leaving, when the edit was made on this very version (or on the
 * version a save begun before the edit stored after the page was left).
 */
function withKeptEdit(project: Project, backup: LeaveBackup | undefined): Project | null {
  const edit = backup?.read(project) ?? null;
  if (edit === null) return null;
  if (edit.basedOn !== project.updatedAt && edit.alsoOn !== project.updatedAt) {
    backup?.clear(project.id);
    return null;
  }
  return {
    ...project, experiment: edit.experiment, lessonProgress: edit.lessonProgress ?? project.lessonProgress,
    weights: sameNetwork(edit.experiment, project.experiment) ? project.weights : null,
  };
}

export async function startProject(deps: StartDeps): Promise<StartChoice> {
  const { store, projects } = deps;
  const list = await projects.list();
  const marked = deps.marked ? await projects.load(deps.marked) : null;
  const last = marked ?? await lastOpened(projects, list);
  const byLink = store.getState().openedByLink;
  if (last === null) return { kind: byLink ? 'link' : 'fresh', list };
  const edited = withKeptEdit(last, deps.backup);
  const target = edited ?? last;
  const screen = experimentKey(selectExperiment(store.getState()));
  const onScreen = experimentKey(target.experiment) === screen;
  // The address may be the project's own as stored, before the edit kept on leaving (a reload within a
  // moment of an edit, before the tab was marked): that is this project, not another experiment's link.
  const itsOwn = onScreen || (edited !== null && experimentKey(last.experiment) === screen);
  if (byLink && !itsOwn && marked === null) return { kind: 'link', list };
  if (!deps.show(target, onScreen)) return { kind: 'link', list };
  return { kind: 'reopened', project: last, list, restoredEdit: edited !== null };
}
