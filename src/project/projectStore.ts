// Projects saved in the browser, in IndexedDB through idb. Two object stores: 'projects' holds everything
// but the weights (the list reads only this), 'weights' the trained weights by project id, written in the
// same transaction so a project and its weights never disagree. 'state' remembers the open project, so a
// reload reopens it. A full disk or quota is never swallowed: it becomes a ProjectStoreError('quota')
// naming the largest other projects, the ones whose deletion frees the most. A save may name the version it
// was made from: when another tab saved the project since, it is refused ('conflict') instead of overwriting.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { WeightList } from '../codegen/weights';
import { summarize, type Project, type ProjectSummary } from './types';

type StoredProject = Omit<Project, 'weights'> & { readonly weightBytes: number };

interface ProjectDb extends DBSchema {
  projects: { key: string; value: StoredProject; indexes: { updatedAt: number } };
  weights: { key: string; value: { readonly id: string; readonly weights: WeightList | null } };
  state: { key: string; value: string };
}

export const DB_NAME = 'cnn-playground';
const DB_VERSION = 1;
const CURRENT = 'current';

export class ProjectStoreError extends Error {
  constructor(readonly code: 'quota' | 'notFound' | 'unavailable' | 'conflict', readonly values: Readonly<Record<string, string | number>> = {}) {
    super(`Project storage: ${code} ${JSON.stringify(values)}`);
    this.name = 'ProjectStoreError';
  }
}

export interface ProjectStore {
  /** Newest first. */
  list(): Promise<ProjectSummary[]>;
  load(id: string): Promise<Project | null>;
  /** `basedOn`: the updatedAt of the stored version this one was made from; another one stored refuses it. */
  save(project: Project, basedOn?: number): Promise<void>;
  rename(id: string, name: string, now: number): Promise<void>;
  /** A copy under a new id and name, weights and curves included. */
  duplicate(id: string, newId: string, name: string, now: number): Promise<Project>;
  remove(id: string): Promise<void>;
  currentId(): Promise<string | null>;
  setCurrentId(id: string | null): Promise<void>;
  close(): void;
}

export const isQuotaError = (err: unknown): boolean => {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'UnknownError' && /quota|space/i.test(String((err as Error).message)));
};

/** `name`: tests open a database of their own (through fake-indexeddb's global indexedDB). */
export async function openProjectStore(name = DB_NAME): Promise<ProjectStore> {
  let db: IDBPDatabase<ProjectDb>;
  try {
    db = await openDB<ProjectDb>(name, DB_VERSION, {
      upgrade(d) {
        d.createObjectStore('projects', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        d.createObjectStore('weights', { keyPath: 'id' });
        d.createObjectStore('state');
      },
    });
  } catch (err) {
    // Private windows of some browsers, or storage switched off: the app still works, without saving.
    throw new ProjectStoreError('unavailable', { detail: String((err as Error)?.message ?? err).slice(0, 120) });
  }

  const list = async (): Promise<ProjectSummary[]> => {
    const all = await db.getAll('projects');
    return all.map((p) => ({ id: p.id, name: p.name, updatedAt: p.updatedAt, testAccuracy: p.testAccuracy, weightBytes: p.weightBytes }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  };

  /** What to delete to make room: the largest projects other than the one being saved. */
  const quotaError = async (savingId: string): Promise<ProjectStoreError> => {
    const others = (await list().catch(() => [])).filter((p) => p.id !== savingId).sort((a, b) => b.weightBytes - a.weightBytes);
    return new ProjectStoreError('quota', { names: others.slice(0, 3).map((p) => p.name).join(', '), count: others.length });
  };

  const write = async (project: Project, basedOn?: number): Promise<void> => {
    const { weights, ...rest } = project;
    const stored: StoredProject = { ...rest, weightBytes: summarize(project).weightBytes };
    let conflict = false;
    try {
      // Read and write in one transaction: two tabs' transactions on these stores never interleave.
      const tx = db.transaction(['projects', 'weights'], 'readwrite');
      const before = basedOn === undefined ? undefined : await tx.objectStore('projects').get(project.id);
      if (before !== undefined && before.updatedAt !== basedOn) {
        conflict = true;
        tx.abort();
      } else {
        await Promise.all([tx.objectStore('projects').put(stored), tx.objectStore('weights').put({ id: project.id, weights })]);
      }
      await tx.done;
    } catch (err) {
      if (conflict) throw new ProjectStoreError('conflict', { id: project.id });
      if (isQuotaError(err)) throw await quotaError(project.id);
      throw err;
    }
  };

  const load = async (id: string): Promise<Project | null> => {
    const tx = db.transaction(['projects', 'weights'], 'readonly');
    const [stored, weights] = await Promise.all([tx.objectStore('projects').get(id), tx.objectStore('weights').get(id), tx.done]);
    if (stored === undefined) return null;
    const project: Project & { weightBytes?: number } = { ...stored, weights: weights?.weights ?? null };
    delete project.weightBytes;
    return project;
  };

  const mustLoad = async (id: string): Promise<Project> => {
    const project = await load(id);
    if (project === null) throw new ProjectStoreError('notFound', { id });
    return project;
  };

  return {
    list,
    load,
    save: write,
    async rename(id, newName, now) {
      await write({ ...(await mustLoad(id)), name: newName, updatedAt: now });
    },
    async duplicate(id, newId, newName, now) {
      const copy = { ...(await mustLoad(id)), id: newId, name: newName, createdAt: now, updatedAt: now };
      await write(copy);
      return copy;
    },
    async remove(id) {
      const tx = db.transaction(['projects', 'weights', 'state'], 'readwrite');
      const current = await tx.objectStore('state').get(CURRENT);
      await Promise.all([
        tx.objectStore('projects').delete(id), tx.objectStore('weights').delete(id),
        current === id ? tx.objectStore('state').delete(CURRENT) : Promise.resolve(), tx.done,
      ]);
    },
    async currentId() {
      return (await db.get('state', CURRENT)) ?? null;
    },
    async setCurrentId(id) {
      if (id === null) await db.delete('state', CURRENT);
      else await db.put('state', id, CURRENT);
    },
    close: () => db.close(),
  };
}
