// The view in the link (presenter mode, open panel, selected block): written only when not the default,
// read forgivingly, and opened with the experiment, so a prepared link shows exactly what an instructor chose.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from './appStore';
import { decodeView, encodeView } from './linkState';
import { applyLink, linkFor, startLinkSync, type LinkWindow } from './linkSync';

function fakeWindow(href: string) {
  const win = {
    location: { href, get hash() { const i = this.href.indexOf('#'); return i < 0 ? '' : this.href.slice(i); } },
    history: { state: null, replaceState: (_d: unknown, _u: string, url: string) => { win.location.href = url; } },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } satisfies LinkWindow;
  return win;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the view in the link', () => {
  it('writes nothing for the default view and reads back what it wrote', () => {
    expect(encodeView({ presenter: false, panel: null, block: null })).toBe('');
    const text = encodeView({ presenter: true, panel: 'maps', block: 'conv1' });
    expect(text).toBe('&pm=1&panel=maps&block=conv1');
    expect(decodeView(`#v=1${text}`)).toEqual({ presenter: true, panel: 'maps', block: 'conv1' });
  });

  it('reads a malformed field as absent, never throwing', () => {
    expect(decodeView('pm=yes&panel=%3Cscript%3E&block=' + 'x'.repeat(200))).toEqual({ presenter: false, panel: null, block: null });
  });

  it('keeps presenter mode, the open panel and the selected block through a link', () => {
    const store = createAppStore({ language: 'en' });
    const win = fakeWindow('http://host/');
    const stop = startLinkSync(store, win);
    store.getState().setPresenter(true);
    store.getState().openPanel('maps');
    store.getState().select(['conv2']);
    vi.advanceTimersByTime(1000);
    expect(win.location.hash).toContain('&pm=1&panel=maps&block=conv2');
    expect(linkFor(store.getState(), 'http://host/')).toBe(win.location.href);
    stop();

    const other = createAppStore({ language: 'en' });
    expect(applyLink(other, win.location.hash, { initial: true })).toBe(true);
    expect(other.getState().presenter).toBe(true);
    expect(other.getState().panel).toBe('maps');
    expect(other.getState().selection).toEqual(['conv2']);
  });

  it('selects no block the network does not have', () => {
    const store = createAppStore({ language: 'en' });
    const fragment = linkFor(store.getState(), 'http://host/').split('#')[1] ?? '';
    const other = createAppStore({ language: 'en' });
    applyLink(other, `${fragment}&block=ghost`, { initial: true });
    expect(other.getState().selection).toEqual([]);
  });
});
