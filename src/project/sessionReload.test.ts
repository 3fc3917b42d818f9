// Work is never lost on reload, bookmark or a second tab: an edit followed at once by a reload (the save
// not stored yet) reopens the same project with the edit; the bare address reopens the project last open
// (never a new "Untitled" one); a link naming another experiment opens it without saving or overwriting;
// two tabs on one project stay in step, and two changes made at once are both kept.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSeries } from '../metrics/series';
import { createSavedRuns } from '../metrics/savedRuns';
import { createAppStore, type AppStore } from '../store/appStore';
import { selectExperiment } from '../store/linkSlice';
import { applyLink } from '../store/linkSync';
import { encodeExperiment } from '../store/linkState';
import type { FromWorker } from '../train/api/protocol';
import { storageBackup } from './leaveBackup';
import { openProjectStore, type ProjectStore } from './projectStore';
import { createProjectSession, type ProjectSession } from './projectSession';
import { broadcastTabs, type TabChannel } from './tabChannel';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const worker = () => ({
  restore: () => 1,
  weights: { requestWeights: () => false, loadWeights: () => 1, subscribe: (_l: (m: FromWorker) => void) => () => undefined },
});

/** localStorage as a browser keeps it over a reload: one map shared by every "page" of a test. */
function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

interface Page {
  readonly store: AppStore;
  readonly session: ProjectSession;
  readonly projects: ProjectStore;
  /** The page is left (pagehide): what it does at once runs, then it is gone. */
  leave(): void;
}

/** A page load: the store opened from `address` as main.tsx does, then the session over the shared database. */
/** A tab's history entry: its state survives a reload of the tab. */
interface Tab { mark: string | null }

async function openPage(db: string, address: string,
  opts: { storage: ReturnType<typeof memoryStorage>; tab?: Tab; tabs?: boolean; saveDelayMs?: number; wrap?: (p: ProjectStore) => ProjectStore }): Promise<Page> {
  const tab = opts.tab ?? { mark: null };
  const store = createAppStore({ language: 'en' });
  applyLink(store, address, { initial: true });
  const opened = await openProjectStore(db);
  const projects = opts.wrap?.(opened) ?? opened;
  let leaveListener: (() => void) | null = null;
  const tabs: TabChannel | null = opts.tabs ? broadcastTabs(`tabs-${db}`) : null;
  const session = await createProjectSession({
    store, run: worker(), series: { loss: createSeries('loss'), accuracy: createSeries('accuracy'), saved: createSavedRuns() }, projects,
    saveDelayMs: opts.saveDelayMs ?? 800, defaultName: 'Untitled', conflictName: (n) => `${n} (other tab)`,
    backup: storageBackup(opts.storage), tabs, address: { marked: () => tab.mark, mark: (id) => void (tab.mark = id) }, onLeave: (l) => {
      leaveListener = l;
      return () => undefined;
    },
  });
  let gone = false;
  const close = () => {
    if (gone) return;
    gone = true;
    session.dispose();
    projects.close();
    tabs?.close();
  };
  cleanups.push(close);
  return {
    store, session, projects,
    leave() {
      (leaveListener as (() => void) | null)?.();
      close(); // the page ends before the asynchronous save reaches the database
    },
  };
}

const addressOf = (store: AppStore) => `#${encodeExperiment(selectExperiment(store.getState()))}`;
const blockIds = (store: AppStore) => store.getState().spec.blocks.map((b) => b.id);

describe('reload right after an edit', () => {
  it('reopens the same project with the edit, by its address and by the bare address, and adds nothing to the list', async () => {
    const db = `reload-${++dbCount}`;
    const storage = memoryStorage();
    const tab: Tab = { mark: null };
    const first = await openPage(db, '', { storage, tab });
    const id = first.session.getState().current!.id;
    await vi.waitFor(async () => expect((await first.projects.list()).length).toBe(1));
    // A reload opens the address of the history entry as it was before the edit (Chromium reloads the
    // entry's address, not one written while the page is left).
    const address = addressOf(first.store);
    expect(first.store.getState().addBlock('dropout')).not.toBeNull();
    const edited = blockIds(first.store);
    first.leave(); // within the 800 ms: the save has not run

    const again = await openPage(db, address, { storage, tab });
    expect(again.session.getState().current?.id).toBe(id);
    expect(again.session.getState().unsaved).toBe(false);
    expect(blockIds(again.store)).toEqual(edited);
    await vi.waitFor(async () => expect((await again.projects.load(id))?.experiment.spec.blocks.map((b) => b.id)).toEqual(edited), { timeout: 5000 });
    expect((await again.projects.list()).map((p) => p.id)).toEqual([id]);
    again.leave();

    // The bare address (a bookmark, the installed icon) three times: the same project, the edit, no new entry.
    for (let i = 0; i < 3; i++) {
      const bare = await openPage(db, '', { storage });
      expect(bare.session.getState().current?.id).toBe(id);
      expect(blockIds(bare.store)).toEqual(edited);
      expect((await bare.projects.list()).map((p) => p.id)).toEqual([id]);
      bare.leave();
    }
  });

  it('reopens the edit when the reload comes before the tab was marked, by the address the project had', async () => {
    const db = `unmarked-${++dbCount}`;
    const storage = memoryStorage();
    const first = await openPage(db, '', { storage });
    const id = first.session.getState().current!.id;
    await vi.waitFor(async () => expect((await first.projects.list()).length).toBe(1));
    const address = addressOf(first.store);
    expect(first.store.getState().addBlock('dropout')).not.toBeNull();
    const edited = blockIds(first.store);
    first.leave();
    // The history entry carries no project (the page was left before its first save had marked it): the
    // address is the project's own, as stored, so it is this project, with the edit kept on leaving.
    const again = await openPage(db, address, { storage, tab: { mark: null } });
    expect(again.session.getState().current?.id).toBe(id);
    expect(again.session.getState().unsaved).toBe(false);
    expect(blockIds(again.store)).toEqual(edited);
  });

  it('keeps an edit made just before the bare address is opened in a new tab (the first closed at once)', async () => {
    const db = `close-${++dbCount}`;
    const storage = memoryStorage();
    const first = await openPage(db, '', { storage });
    const id = first.session.getState().current!.id;
    first.store.getState().setHyper({ learningRate: 0.0123 });
    first.store.getState().markStepDone('1:intro');
    first.leave();
    const bare = await openPage(db, '', { storage });
    expect(bare.session.getState().current?.id).toBe(id);
    expect(bare.store.getState().hyper.learningRate).toBe(0.0123);
    expect(bare.store.getState().lessonDone).toEqual({ '1:intro': true });
  });
});

/**
 * Holds saves: the next `hold` saves wait for `release`, and land even if the page has been left meanwhile
 * (the database closes after them, as a browser finishes a transaction already begun); any after them never
 * land (the page has ended). `heard`: the page still runs when they land (it was hidden, not unloaded), or
 * it is gone and never hears of them.
 */
function heldSaves(hold: number, heard: boolean) {
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => void (release = resolve));
  let calls = 0;
  let landed = 0;
  let closed = false;
  return {
    release: () => release(),
    landed: () => landed,
    wrap: (p: ProjectStore): ProjectStore => Object.assign(Object.create(p) as ProjectStore, {
      save: async (project: Parameters<ProjectStore['save']>[0], basedOn?: number) => {
        calls += 1;
        if (calls > hold) return new Promise<void>(() => undefined);
        await gate;
        await p.save(project, basedOn);
        landed += 1;
        if (heard) return;
        if (closed && landed === hold) p.close();
        await new Promise<void>(() => undefined);
      },
      close: () => {
        closed = true;
        if (heard) cleanups.push(() => p.close());
      },
    }),
  };
}

describe('a save that lands after the page was left', () => {
  it.each([
    ['the page is gone when it lands (a reload)', false],
    ['the page hears of it, and ends before the next save (a hidden tab closed)', true],
  ])('keeps the edit made while it was on its way: %s', async (_name, heard) => {
    const db = `late-${++dbCount}`;
    const storage = memoryStorage();
    const first = await openPage(db, '', { storage });
    const id = first.session.getState().current!.id;
    await vi.waitFor(async () => expect((await first.projects.list()).length).toBe(1));
    first.leave();

    // The page opens again; one save (the first edit's) is held on its way to the database.
    const held = heldSaves(1, heard);
    const page = await openPage(db, '', { storage, wrap: held.wrap, saveDelayMs: 10 });
    expect(page.store.getState().addBlock('dropout')).not.toBeNull();
    await vi.waitFor(() => expect(page.session.getState().saving).toBe(true));
    // The second edit comes while that save is on its way, and the page is left 50 ms later.
    expect(page.store.getState().addBlock('batchnorm')).not.toBeNull();
    const edited = blockIds(page.store);
    page.leave();
    held.release();
    await vi.waitFor(() => expect(held.landed()).toBe(1));
    await new Promise((r) => setTimeout(r, 50));

    const again = await openPage(db, '', { storage });
    expect(again.session.getState().current?.id).toBe(id);
    expect(blockIds(again.store)).toEqual(edited);
  });
});

describe('a link naming another experiment', () => {
  it('opens it unsaved, leaves the own project as it was, and saves it as a new project only once changed', async () => {
    const db = `link-${++dbCount}`;
    const storage = memoryStorage();
    const own = await openPage(db, '', { storage, saveDelayMs: 1 });
    const id = own.session.getState().current!.id;
    own.store.getState().setHyper({ learningRate: 0.02 });
    await vi.waitFor(async () => expect((await own.projects.load(id))?.experiment.hyper.learningRate).toBe(0.02));
    own.leave();

    const shared = createAppStore({ language: 'en' });
    shared.getState().loadPreset('tinyCnn');
    shared.getState().setHyper({ learningRate: 0.5 });
    const link = await openPage(db, addressOf(shared), { storage, saveDelayMs: 1 });
    expect(link.store.getState().hyper.learningRate).toBe(0.5);
    expect(link.session.getState().unsaved).toBe(true);
    expect((await link.projects.list()).map((p) => p.id)).toEqual([id]);
    expect((await link.projects.load(id))?.experiment.hyper.learningRate).toBe(0.02);
    expect(await link.projects.currentId()).toBe(id);

    link.store.getState().setHyper({ batchSize: 16 });
    await vi.waitFor(() => expect(link.session.getState().unsaved).toBe(false));
    expect((await link.projects.list()).length).toBe(2);
    expect(await link.projects.currentId()).toBe(link.session.getState().current?.id);
    expect((await link.projects.load(id))?.experiment.hyper.learningRate).toBe(0.02);
  });
});

describe('two tabs on one project', () => {
  it('keeps the second tab in step with the first, and keeps both when both change it at once', async () => {
    const db = `tabs-${++dbCount}`;
    const storage = memoryStorage();
    const a = await openPage(db, '', { storage, tabs: true, saveDelayMs: 1 });
    const id = a.session.getState().current!.id;
    await vi.waitFor(async () => expect((await a.projects.list()).length).toBe(1));
    const b = await openPage(db, addressOf(a.store), { storage, tabs: true, saveDelayMs: 1 });
    expect(b.session.getState().current?.id).toBe(id);

    // A adds a dropout block: B follows, and B's list is current.
    a.store.getState().addBlock('dropout');
    await vi.waitFor(() => expect(blockIds(b.store)).toEqual(blockIds(a.store)), { timeout: 5000 });
    expect(b.session.getState().problem).toBeNull();

    // Both change it before either save lands: neither change is lost, and the second tab says so.
    const slowA = await openPage(db, addressOf(a.store), { storage, tabs: true, saveDelayMs: 50 });
    const slowB = await openPage(db, addressOf(a.store), { storage, tabs: true, saveDelayMs: 50 });
    a.leave();
    b.leave();
    slowA.store.getState().addBlock('dropout');
    slowB.store.getState().setHyper({ learningRate: 0.0077 });
    await vi.waitFor(async () => expect((await slowA.projects.list()).length).toBe(2), { timeout: 5000 });
    const all = await Promise.all((await slowA.projects.list()).map((p) => slowA.projects.load(p.id)));
    const kinds = all.map((p) => p!.experiment.spec.blocks.filter((blk) => blk.kind === 'dropout').length);
    const rates = all.map((p) => p!.experiment.hyper.learningRate);
    expect(kinds.some((k) => k === 2)).toBe(true); // A's second dropout block
    expect(rates).toContain(0.0077); // B's learning rate
    const warned = [slowA, slowB].map((t) => t.session.getState().problem?.code ?? null);
    expect(warned.filter((c) => c === 'conflict')).toHaveLength(1);
  });
});

describe('another link pasted into the same tab', () => {
  it('opens unsaved, and the pending edit of the open project is saved into it, not the link\'s experiment', async () => {
    const db = `paste-${++dbCount}`;
    const storage = memoryStorage();
    const page = await openPage(db, '', { storage, saveDelayMs: 200 });
    const id = page.session.getState().current!.id;
    page.store.getState().setHyper({ learningRate: 0.031 });
    const other = createAppStore({ language: 'en' });
    other.getState().setHyper({ learningRate: 0.9, batchSize: 8 });
    applyLink(page.store, addressOf(other)); // the hashchange of a pasted link
    expect(page.store.getState().hyper.learningRate).toBe(0.9);
    await vi.waitFor(() => expect(page.session.getState().unsaved).toBe(true));
    await vi.waitFor(async () => expect((await page.projects.load(id))?.experiment.hyper.learningRate).toBe(0.031));
    await new Promise((r) => setTimeout(r, 400)); // past the save delay: nothing else is written over it
    expect((await page.projects.load(id))?.experiment.hyper.learningRate).toBe(0.031);
    expect((await page.projects.list()).map((p) => p.id)).toEqual([id]);
  });
});
