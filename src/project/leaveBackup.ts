// What a tab had not saved yet when it was left. A project is saved a moment after an edit, and IndexedDB
// is asynchronous: a reload or a closed tab within that moment may end the page before the save lands.
// localStorage is written synchronously on `pagehide`, so the edit survives; the next start applies it to
// the project it belongs to while the stored version is still the one the edit was made on (a later stored
// version already holds it, or holds another tab's work). One entry per project id.
import { decodeExperiment, encodeExperiment, type Experiment } from '../store/linkState';
import type { Project } from './types';

export interface UnsavedEdit {
  /** The updatedAt of the stored version the edit was made on. */
  readonly basedOn: number;
  /**
   * The version a save still on its way when the page was left stores: that save was made before the edit,
   * so the edit applies over it too (the save may land after the page is gone, with nothing left to say so).
   */
  readonly alsoOn?: number | null;
  readonly experiment: Experiment;
  readonly lessonProgress: unknown;
}

export interface LeaveBackup {
  write(id: string, edit: UnsavedEdit): void;
  /** The edit kept for this project, read back against the project's own experiment; null when none. */
  read(project: Project): UnsavedEdit | null;
  clear(id: string): void;
}

const PREFIX = 'cnn-playground.unsaved:';

/** Backed by localStorage (or a fake); every call is guarded: a full or switched-off storage keeps nothing. */
export function storageBackup(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): LeaveBackup {
  const guard = <T>(fn: () => T, fallback: T): T => {
    try {
      return storage === null ? fallback : fn();
    } catch {
      return fallback;
    }
  };
  return {
    write: (id, edit) => guard(() => storage?.setItem(PREFIX + id, JSON.stringify({
      basedOn: edit.basedOn, alsoOn: edit.alsoOn ?? null, experiment: encodeExperiment(edit.experiment), lessonProgress: edit.lessonProgress ?? null,
    })), undefined),
    read: (project) => guard(() => {
      const raw = JSON.parse(storage?.getItem(PREFIX + project.id) ?? 'null') as { basedOn?: unknown; alsoOn?: unknown; experiment?: unknown; lessonProgress?: unknown } | null;
      if (raw === null || typeof raw.basedOn !== 'number' || typeof raw.experiment !== 'string') return null;
      // The project's own experiment stands in for anything the kept text cannot say (own images, say).
      const experiment = decodeExperiment(raw.experiment, project.experiment).experiment;
      const alsoOn = typeof raw.alsoOn === 'number' ? raw.alsoOn : null;
      return experiment === null ? null : { basedOn: raw.basedOn, alsoOn, experiment, lessonProgress: raw.lessonProgress ?? null };
    }, null),
    clear: (id) => guard(() => storage?.removeItem(PREFIX + id), undefined),
  };
}
