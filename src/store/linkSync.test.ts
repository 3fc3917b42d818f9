import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeSpec, encodeSpec, KNOWN_KINDS } from '../model/link';
import { PRESETS } from '../model/presets';
import type { BlockKind } from '../model/spec';
import { createAppStore, DEFAULT_HYPER, type AppStore } from './appStore';
import { encodeExperiment } from './linkState';
import { selectExperiment } from './linkSlice';
import { applyLink, linkFor, shareProblem, startLinkSync, type LinkWindow } from './linkSync';

/** A window with just an address, a history that records replaceState, and hashchange and pagehide listeners. */
function fakeWindow(href: string) {
  const listeners = new Set<() => void>();
  const hides = new Set<() => void>();
  const writes: string[] = [];
  const win = {
    location: { href, get hash() { const i = this.href.indexOf('#'); return i < 0 ? '' : this.href.slice(i); } },
    history: { state: null, replaceState: (_d: unknown, _u: string, url: string) => { writes.push(url); win.location.href = url; } },
    addEventListener: (t: 'hashchange' | 'pagehide', l: () => void) => void (t === 'hashchange' ? listeners : hides).add(l),
    removeEventListener: (t: 'hashchange' | 'pagehide', l: () => void) => void (t === 'hashchange' ? listeners : hides).delete(l),
  } satisfies LinkWindow;
  /** What the browser does when the user pastes an address that differs only in its fragment. */
  const navigate = (url: string) => {
    win.location.href = url;
    for (const l of listeners) l();
  };
  /** What the browser does when the page is left (a reload, a closed tab). */
  const leave = () => {
    for (const l of hides) l();
  };
  return { win, writes, navigate, listeners, hides, leave };
}

const fresh = (): AppStore => createAppStore({ language: 'en' });
const mlp = () => (PRESETS.find((p) => p.id === 'mlp') ?? PRESETS[0])?.build();

/** A link made by another session of the app, with the MLP and changed hyper-parameters. */
function otherSessionsLink(): { fragment: string; store: AppStore } {
  const other = fresh();
  other.getState().loadPreset('mlp');
  other.getState().setHyper({ learningRate: 0.02, batchSize: 16, seed: 7 });
  other.getState().setValidationFraction(0.3);
  return { fragment: encodeExperiment(selectExperiment(other.getState())), store: other };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('applyLink', () => {
  it('opens the experiment of a link before anything is shown, with nothing to undo', () => {
    const { fragment, store: other } = otherSessionsLink();
    const store = fresh();
    expect(applyLink(store, `#${fragment}`, { initial: true })).toBe(true);
    const s = store.getState();
    expect(s.spec).toEqual(mlp());
    expect(s.presetId).toBe('mlp');
    expect(s.hyper).toEqual(other.getState().hyper);
    expect(s.validationFraction).toBe(0.3);
    expect(s.analysis.totals).toEqual(other.getState().analysis.totals);
    expect(s.linkProblems).toEqual([]);
    s.undo();
    expect(store.getState().spec).toEqual(mlp());
  });

  it('opens the dataset first, so the network is checked against its input shape', () => {
    const other = fresh();
    other.getState().selectDataset('cifar10');
    const fragment = encodeExperiment(selectExperiment(other.getState()));
    const store = fresh();
    applyLink(store, fragment, { initial: true });
    expect(store.getState().datasetId).toBe('cifar10');
    expect(store.getState().analysis.blocks[0]?.outputShape).toEqual([32, 32, 3]);
    expect(store.getState().analysis.totals).toEqual(other.getState().analysis.totals);
  });

  it('does nothing for an address without an experiment', () => {
    const store = fresh();
    const before = store.getState().spec;
    expect(applyLink(store, '', { initial: true })).toBe(false);
    expect(store.getState().spec).toBe(before);
    expect(store.getState().linkProblems).toEqual([]);
  });

  it('opens the default network and says why for a tampered network', () => {
    const store = fresh();
    store.getState().loadPreset('tinyCnn');
    applyLink(store, 'v=1&lr=0.5&m=not-a-network!', { initial: true });
    const s = store.getState();
    expect(s.spec).toEqual(PRESETS[0]?.build());
    expect(s.hyper.learningRate).toBe(0.5);
    expect(s.linkProblems.map((p) => p.code)).toEqual(['badEncoding']);
  });

  it('fills what a link leaves out with the app defaults, not with what the tab shows', () => {
    const store = fresh();
    store.getState().setHyper({ weightDecay: 0.01, seed: 99 });
    store.getState().selectDataset('cifar10');
    applyLink(store, 'v=1&lr=0.05');
    const s = store.getState();
    expect(s.hyper).toEqual({ ...DEFAULT_HYPER, learningRate: 0.05 });
    expect(s.datasetId).toBe('mnist');
  });

  it('refuses to replace the network while a run uses it', () => {
    const store = fresh();
    store.getState().setPhase('training');
    expect(applyLink(store, otherSessionsLink().fragment)).toBe(false);
    expect(store.getState().presetId).toBe('lenet5');
    expect(store.getState().linkProblems).toEqual([{ code: 'busy', values: {} }]);
  });
});

describe('what the editor makes', () => {
  it('survives the link: every kind the editor can add, placed on the canvas', () => {
    const store = fresh();
    for (const kind of KNOWN_KINDS) {
      if (kind === 'input') continue;
      const id = store.getState().addBlock(kind as BlockKind, { at: { x: 12, y: -40 } });
      expect(id).not.toBeNull();
    }
    const spec = store.getState().spec;
    expect(spec.blocks.length).toBeGreaterThan(PRESETS[0]?.build().blocks.length ?? 0);
    expect(Object.keys(spec.layout ?? {}).length).toBeGreaterThan(0);
    expect(decodeSpec(encodeSpec(spec))).toEqual({ ok: true, value: spec });
  });
});

describe('startLinkSync', () => {
  it('writes the address at once, keeping the query, and then once per burst of changes', () => {
    const store = fresh();
    const { win, writes } = fakeWindow('http://x/app/?trainLimit=64');
    const stop = startLinkSync(store, win, 300);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(linkFor(store.getState(), 'http://x/app/?trainLimit=64'));
    expect(writes[0]).toMatch(/^http:\/\/x\/app\/\?trainLimit=64#v=1&/);

    store.getState().setHyper({ learningRate: 0.1 });
    store.getState().setHyper({ learningRate: 0.2 });
    store.getState().loadPreset('mlp');
    expect(writes).toHaveLength(1); // debounced
    vi.advanceTimersByTime(300);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('lr=0.2');

    store.getState().setLanguage('ko'); // not part of the experiment
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
    stop();
  });

  it('opens a link pasted into the same tab (a fragment-only navigation)', () => {
    const store = fresh();
    const { win, navigate } = fakeWindow('http://x/');
    const stop = startLinkSync(store, win, 300);
    const { fragment } = otherSessionsLink();
    navigate(`http://x/#${fragment}`);
    expect(store.getState().spec).toEqual(mlp());
    expect(store.getState().hyper.seed).toBe(7);
    store.getState().undo(); // a pasted link is an edit like any other
    expect(store.getState().spec).toEqual(PRESETS[0]?.build());
    stop();
  });

  it('writes a panel, presenter mode or lesson step at once, one write per click, while edits wait', async () => {
    const store = fresh();
    const { win, writes } = fakeWindow('http://x/');
    const stop = startLinkSync(store, win, 300);
    store.getState().setHyper({ seed: 5 }); // an edit: waits for the delay
    store.getState().openPanel('summary');
    store.getState().setPresenter(true);
    expect(writes).toHaveLength(1);
    await Promise.resolve();
    // A reload now (before any timer) reopens the panel and presenter mode, and the edit made before them.
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('panel=summary');
    expect(writes[1]).toContain('pm=1');
    expect(writes[1]).toContain('seed=5');
    store.getState().openLessonStep({ lesson: 2, step: 3 });
    await Promise.resolve();
    expect(writes).toHaveLength(3);
    expect(writes[2]).toContain('lesson=2.3');
    vi.advanceTimersByTime(1000); // the edit's timer was cancelled by the write that carried it
    expect(writes).toHaveLength(3);
    stop();
    store.getState().openPanel('data');
    await Promise.resolve();
    expect(writes).toHaveLength(3);
  });

  it('tries a refused address change again after a pause (Safari refuses more than 100 in 30 seconds)', async () => {
    const store = fresh();
    const { win, writes } = fakeWindow('http://x/');
    const stop = startLinkSync(store, win, 300);
    const accept = win.history.replaceState.bind(win.history);
    let refuse = true;
    win.history.replaceState = (data, unused, url) => {
      if (refuse) throw new DOMException('too many calls', 'SecurityError');
      accept(data, unused, url);
    };
    store.getState().openPanel('summary');
    await Promise.resolve();
    vi.advanceTimersByTime(300);
    expect(writes).toHaveLength(1);
    refuse = false;
    vi.advanceTimersByTime(5_000);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('panel=summary');
    stop();
  });

  it('writes a pending edit at once when the page is left', () => {
    const store = fresh();
    const { win, writes, leave } = fakeWindow('http://x/');
    const stop = startLinkSync(store, win, 300);
    store.getState().setHyper({ seed: 5 });
    expect(writes).toHaveLength(1);
    leave();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toBe(linkFor(store.getState(), 'http://x/'));
    // Nothing pending: leaving writes nothing more, and the cancelled timer does not write again.
    leave();
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(2);
    stop();
  });

  it('stops listening and writing when stopped', () => {
    const store = fresh();
    const { win, writes, listeners, hides } = fakeWindow('http://x/');
    const stop = startLinkSync(store, win, 300);
    store.getState().setHyper({ seed: 3 });
    stop();
    vi.advanceTimersByTime(1000);
    expect(writes).toHaveLength(1);
    expect(listeners.size).toBe(0);
    expect(hides.size).toBe(0);
  });
});

describe('shareProblem', () => {
  it('is null for what the app can share, and says so for a network beyond the link limits', () => {
    const store = fresh();
    expect(shareProblem(store.getState())).toBeNull();
    const blocks = Array.from({ length: 300 }, (_, i) => ({ id: `f${i}`, kind: 'flatten' as const, inputs: [] }));
    store.getState().setSpec({ blocks });
    expect(shareProblem(store.getState())).toEqual({ code: 'badSpec', values: { where: 'blocks' } });
  });

  it('shares an experiment on own images (they stay behind), and whoever opens or reloads it is told so', () => {
    const store = fresh();
    const split = { count: 2, images: new Uint8Array(2 * 4 * 4), labels: new Uint8Array([0, 1]) };
    store.getState().setCustomDataset({
      unreadable: [],
      data: {
        meta: { format: 'cnnp-dataset', version: 1, id: 'custom', name: 'pets', inputShape: [4, 4, 1], classNames: ['cat', 'dog'],
          train: { count: 2, shards: [] }, test: { count: 2, shards: [] } },
        train: split, test: split,
      },
    });
    expect(store.getState().datasetId).toBe('custom');
    expect(shareProblem(store.getState())).toBeNull();
    const href = linkFor(store.getState(), 'http://x/#');
    const opener = fresh();
    applyLink(opener, href.split('#')[1]!, { initial: true });
    expect(opener.getState().datasetId).toBe('mnist');
    expect(opener.getState().linkProblems).toEqual([{ code: 'customData', values: {} }]);
  });
});
