// The open project's session as views and tests see it: its state, its actions and what it is made from
// (projectSession.ts builds it).
import type { ExportFile, ExportTarget } from '../codegen/bundle';
import type { AppStore } from '../store/appStore';
import type { RunController, RunSeries } from '../store/runController';
import type { LeaveBackup } from './leaveBackup';
import type { ProjectStore } from './projectStore';
import type { TabChannel } from './tabChannel';
import type { Project, ProjectSummary } from './types';

export interface SessionProblem {
  /** 'quota' | 'unavailable' | 'notFound' from the store, 'file.<code>' for a refused file, 'busy', 'untrained'. */
  readonly code: string;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface ProjectSessionState {
  readonly ready: boolean;
  readonly current: Project | null;
  /** The open project is not stored: a link opened it, and it is saved as a new project once changed. */
  readonly unsaved: boolean;
  readonly list: readonly ProjectSummary[];
  readonly saving: boolean;
  readonly problem: SessionProblem | null;
}

export interface ProjectSession {
  getState(): ProjectSessionState;
  subscribe(listener: () => void): () => void;
  saveNow(): Promise<void>;
  open(id: string): Promise<void>;
  newProject(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Reads a project file into a new project and opens it; what was open stays when the file is refused. */
  importFile(bytes: Uint8Array): Promise<boolean>;
  exportProject(): Uint8Array | null;
  /** The file for an Export-menu target; trained weights come from the worker (they are what predictions use). */
  exportTo(target: ExportTarget): Promise<ExportFile | null>;
  dismissProblem(): void;
  dispose(): void;
}

export interface ProjectSessionDeps {
  readonly store: AppStore;
  readonly run: Pick<RunController, 'weights' | 'restore'>;
  readonly series: RunSeries;
  readonly projects: ProjectStore;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly saveDelayMs?: number;
  readonly defaultName: string;
  /** The name of the copy that keeps this tab's changes when another tab saved the project meanwhile. */
  readonly conflictName?: (name: string) => string;
  /** Keeps an unsaved edit over a reload (localStorage in the browser). */
  readonly backup?: LeaveBackup;
  /** The other tabs of this browser (BroadcastChannel). */
  readonly tabs?: TabChannel | null;
  /** The mark on this tab's history entry: the project it shows, read back after a reload. */
  readonly address?: { readonly marked: () => string | null; mark(id: string): void };
  /** Calls back when the page is left or hidden (pagehide, visibilitychange). */
  readonly onLeave?: (listener: () => void) => () => void;
}
