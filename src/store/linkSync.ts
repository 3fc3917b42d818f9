// Keeps the page address and the experiment in step: the address is read once before the first render,
// rewritten (debounced) whenever the network, hyper-parameters or dataset change, and read again when the
// user pastes another link into the same tab (only the fragment changes, so the page does not reload).
// history.replaceState, not pushState: every keystroke in a field would otherwise be a Back step.
import type { LinkProblem } from '../model/link';
import { PRESETS } from '../model/presets';
import { DEFAULT_HYPER, type AppState, type AppStore } from './appStore';
import { DEFAULT_VALIDATION_FRACTION } from './dataSlice';
import { selectExperiment } from './linkSlice';
import { decodeExperiment, decodeView, encodeExperiment, encodeView, type Experiment } from './linkState';
import { DEFAULT_PANEL, sameView, selectView } from './uiSlice';

/** How long a refused address change waits before the next try. */
const REFUSED_RETRY_MS = 5_000;

/** The view part of the fragment (presenter mode, open panel, selected block); '' for the default view. */
const viewFragment = (state: AppState): string => {
  const v = selectView(state);
  return encodeView({ presenter: v.presenter, panel: v.panel === DEFAULT_PANEL ? null : v.panel, block: v.block });
};

/** Opens the view a link asks for; a block the network does not have is not selected. */
function applyView(store: AppStore, fragment: string): void {
  const view = decodeView(fragment);
  const s = store.getState();
  s.setPresenter(view.presenter);
  s.openPanel(view.panel ?? DEFAULT_PANEL);
  if (view.block !== null && s.spec.blocks.some((b) => b.id === view.block)) s.select([view.block]);
}

/** The parts of `window` this needs; tests pass a fake. */
export interface LinkWindow {
  readonly location: { readonly hash: string; readonly href: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: 'hashchange' | 'pagehide', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'pagehide', listener: () => void): void;
}

/** The address that reopens the current experiment: this page (query kept) with the experiment's fragment. */
export function linkFor(state: AppState, href: string): string {
  const base = href.split('#')[0] ?? href;
  return `${base}#${encodeExperiment(selectExperiment(state))}${viewFragment(state)}`;
}

/**
 * Why the current experiment cannot be shared, or null when it can: its link is read back as a check, so
 * a network beyond the link's limits (more than 256 blocks, say) is said before a useless link is sent.
 */
export function shareProblem(state: AppState): LinkProblem | null {
  const { problems } = decodeExperiment(encodeExperiment(selectExperiment(state)), appDefaults(state));
  // Own images left behind are said beside the copied link, not a reason to copy nothing.
  return problems.find((p) => p.code !== 'customData') ?? null;
}

/** What a link leaves out or gets wrong takes the app's defaults, not whatever this tab happens to show,
 * so a link opens the same experiment in every tab. */
function appDefaults(state: AppState): Experiment {
  return {
    spec: PRESETS[0]?.build() ?? state.spec, hyper: DEFAULT_HYPER, datasetId: 'mnist', validationFraction: DEFAULT_VALIDATION_FRACTION,
  };
}

/** Reads a fragment into the store; returns whether it opened an experiment. */
export function applyLink(store: AppStore, fragment: string, opts: { initial?: boolean } = {}): boolean {
  const state = store.getState();
  const { experiment, problems } = decodeExperiment(fragment, appDefaults(state));
  if (opts.initial) store.setState({ openedByLink: experiment !== null });
  // Said before the experiment changes: the open project must not take the link's experiment as an edit.
  else if (experiment !== null) store.setState({ linkOpens: state.linkOpens + 1 });
  if (experiment === null) {
    state.setLinkProblems(problems);
    return false;
  }
  const opened = state.loadExperiment(experiment, opts);
  state.setLinkProblems(opened ? problems : [{ code: 'busy', values: {} }]);
  if (opened) applyView(store, fragment);
  return opened;
}

/**
 * Starts syncing; returns a function that stops it. Call after applyLink(…, { initial: true }).
 * Writes the address at once (so it always reopens what is shown), then at most every `delayMs` for edits
 * (a keystroke in a field, a selection box dragged), and at once for a change made by one click: the open
 * panel, presenter mode, the lesson step. A reload reopens the address as it was when the reload began:
 * Chromium, measured in the lessons walk, loaded the address from before the page-hide write, so a panel
 * opened within the delay came back as the one before it. Edits within the delay come back from the open
 * project's backup; the panel has none.
 */
export function startLinkSync(store: AppStore, win: LinkWindow, delayMs = 300): () => void {
  let written = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let soon = false;
  let stopped = false;
  const write = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const fragment = encodeExperiment(selectExperiment(store.getState())) + viewFragment(store.getState());
    if (fragment === written) return;
    const base = win.location.href.split('#')[0] ?? '';
    try {
      win.history.replaceState(win.history.state, '', `${base}#${fragment}`);
      written = fragment;
    } catch {
      // Safari refuses more than 100 address changes in 30 seconds: the next try comes after a pause.
      timer = setTimeout(write, REFUSED_RETRY_MS);
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const a = selectExperiment(s);
    const b = selectExperiment(prev);
    const oneClick = s.panel !== prev.panel || s.presenter !== prev.presenter || a.lessonStep !== b.lessonStep;
    if (oneClick) {
      // One click may change several of these in turn (a lesson step opens, sets up, opens its panel): one write.
      if (!soon) queueMicrotask(() => {
        soon = false;
        if (!stopped) write();
      });
      soon = true;
      return;
    }
    if (a.spec === b.spec && a.hyper === b.hyper && a.datasetId === b.datasetId && a.validationFraction === b.validationFraction
      && sameView(selectView(s), selectView(prev))) return;
    if (timer === null) timer = setTimeout(write, delayMs);
  });
  const onHashChange = () => {
    const fragment = win.location.hash.replace(/^#/, '');
    if (fragment === written) return;
    applyLink(store, fragment);
    write();
  };
  // A reload or a closed tab within the delay of an edit would reopen the address without it.
  const onPageHide = () => {
    if (timer === null) return;
    clearTimeout(timer);
    write();
  };
  win.addEventListener('hashchange', onHashChange);
  win.addEventListener('pagehide', onPageHide);
  write();
  return () => {
    stopped = true;
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
    win.removeEventListener('pagehide', onPageHide);
    if (timer !== null) clearTimeout(timer);
  };
}
