// The page's project session, opened at start-up (main.tsx) and taken by the Projects menu once its code
// has loaded after the first screen: a reopened project's weights reach the worker as soon as the store
// opens, not when the menu arrives (on a returning visit the first step after Train came 2.7-3.3 s later
// with the session opened by the lazily loaded menu; firstvisit bench).
import type { TFunction } from 'i18next';
import { storageBackup } from '../../project/leaveBackup';
import { openProjectStore } from '../../project/projectStore';
import { broadcastTabs } from '../../project/tabChannel';
import { createProjectSession, type ProjectSession, type ProjectSessionDeps } from '../../project/projectSession';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage switched off: reading the property throws in some browsers
  }
}

/** Leaving or hiding the page: a reload, a closed tab, another tab or app in front (phones often never send pagehide). */
function onPageLeave(listener: () => void): () => void {
  const onHidden = () => {
    if (document.visibilityState === 'hidden') listener();
  };
  window.addEventListener('pagehide', listener);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    window.removeEventListener('pagehide', listener);
    document.removeEventListener('visibilitychange', onHidden);
  };
}

/** The open project's id on this tab's history entry: a reload keeps it (and the address may lag the last edit). */
const historyMark = {
  marked: (): string | null => {
    const id = (window.history.state as { cnnpProject?: unknown } | null)?.cnnpProject;
    return typeof id === 'string' ? id : null;
  },
  mark: (id: string) => {
    const state: unknown = window.history.state;
    window.history.replaceState({ ...(typeof state === 'object' ? state : {}), cnnpProject: id }, '');
  },
};

// One session per app store, for the page's lifetime: StrictMode's double effects (and a remount) must not
// open a second one, which would save a second "untitled" project.
const sessions = new WeakMap<object, Promise<ProjectSession>>();

/** The page's one session over `services`' store; `t`: the 'project' messages (names it gives projects). */
export function pageSession(services: Pick<ProjectSessionDeps, 'store' | 'run' | 'series'>, t: TFunction): Promise<ProjectSession> {
  const { store, run, series } = services;
  let made = sessions.get(store);
  if (made === undefined) {
    made = openProjectStore().then((projects) => createProjectSession({
      store, run, series, projects, defaultName: t('untitled'), conflictName: (name) => t('conflictName', { name }),
      backup: storageBackup(localStorageOrNull()), tabs: broadcastTabs(), onLeave: onPageLeave, address: historyMark,
    }));
    sessions.set(store, made);
  }
  return made;
}
