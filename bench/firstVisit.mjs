// The 'firstvisit' suite (issue 29): a class opening the production build on school laptops over one link.
// - Lighthouse's default mobile profile (simulated slow 4G, 4x slower CPU) on the app page: the performance
//   score, first contentful paint, total blocking time, accessibility and best practices; the median of `runs`.
// - Cold and warm visits with the page AND its workers (and the service worker) held to 20 Mbit/s and 40 ms
//   (bench/cdp.mjs): the time from pressing Train to the first loss point (the step counter's first step),
//   with Train pressed as soon as it is enabled, and again after a student has read the page for a few seconds;
//   the bytes moved over the network before the first step and in the first minute.
import lighthouse from 'lighthouse';
import { connect, startChromium } from './cdp.mjs';

const LINK = { mbit: 20, latencyMs: 40 };
const READ_MS = 5000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const kB = (bytes) => Math.round(bytes / 1024);

async function lighthouseOnce(url) {
  const chrome = await startChromium();
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'] });
    const audit = (id) => lhr.audits[id]?.numericValue;
    return {
      performance: lhr.categories.performance.score, accessibility: lhr.categories.accessibility.score,
      bestPractices: lhr.categories['best-practices'].score,
      fcpMs: Math.round(audit('first-contentful-paint')), lcpMs: Math.round(audit('largest-contentful-paint')),
      tbtMs: Math.round(audit('total-blocking-time')), speedIndexMs: Math.round(audit('speed-index')),
      ttiMs: Math.round(audit('interactive')),
      mainScriptKB: kB(Math.max(0, ...(lhr.audits['network-requests']?.details?.items ?? [])
        .filter((r) => r.resourceType === 'Script').map((r) => r.transferSize ?? 0))),
    };
  } finally {
    await chrome.close();
  }
}

/** Evaluates `expression` in the page every 20 ms until it gives something other than null. */
async function pollPage(cdp, expression, timeoutMs = 120_000) {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = await cdp.evaluate(expression).catch(() => null);
    if (value !== null && value !== undefined) return value;
  }
  throw new Error(`timed out waiting in the page for ${expression.slice(0, 80)}`);
}

/** Opens the app, presses Train (as soon as it is enabled, or after `readMs` more), times the first step. */
async function visit(cdp, url, readMs) {
  await cdp.page('Page.navigate', { url: 'about:blank' });
  await pollPage(cdp, `location.href === 'about:blank' || null`);
  const opened = cdp.now();
  await cdp.page('Page.navigate', { url });
  // Polled from here: an evaluation awaited inside a page that is being left can hang.
  const enabledAt = await pollPage(cdp, `(() => { const b = document.querySelector('[data-action=train]');
    return location.href.startsWith(${JSON.stringify(url)}) && b && !b.disabled ? performance.now() : null; })()`);
  if (readMs > 0) await new Promise((resolve) => setTimeout(resolve, readMs));
  // Pressed, and the first step timed, inside the page; read from here by short polls (a long-awaited
  // evaluation can be lost when the service worker reloads the page).
  await cdp.evaluate(`(() => {
    const counter = () => Number(document.querySelector('.run-counter')?.getAttribute('data-step') ?? 0);
    const fv = globalThis.__firstVisit = { pressed: performance.now() };
    document.querySelector('[data-action=train]').click();
    const poll = () => { if (counter() >= 1) fv.step = performance.now();
      else if (document.querySelector('[data-phase=error]')) fv.error = document.body.innerText.slice(0, 400);
      else setTimeout(poll, 5); };
    poll();
  })()`);
  let ms = null;
  for (const until = Date.now() + 180_000; ms === null; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const fv = await cdp.evaluate('globalThis.__firstVisit ?? null');
    if (fv === null) throw new Error('the page reloaded after Train was pressed');
    if (fv.error) throw new Error(`the run failed: ${fv.error}`);
    if (fv.step !== undefined) ms = fv.step - fv.pressed;
    else if (Date.now() > until) throw new Error('no first step within 3 minutes of pressing Train');
  }
  return { trainEnabledMs: Math.round(enabledAt), trainToFirstStepMs: Math.round(ms), firstStepAt: cdp.now(), opened };
}

const bytesIn = (cdp, from, to) => sum(cdp.transfers.filter((t) => t.at >= from && t.at <= to).map((t) => t.bytes));
const byTarget = (cdp, from, to) => {
  const out = {};
  for (const t of cdp.transfers.filter((x) => x.at >= from && x.at <= to)) out[t.target] = (out[t.target] ?? 0) + t.bytes;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, kB(v)]));
};

/** One fresh profile: a cold visit, then (after the first minute) a warm one, each pressing Train at `readMs`. */
async function coldThenWarm(url, readMs, countMinute) {
  const chrome = await startChromium();
  try {
    const cdp = await connect(chrome.wsUrl, LINK);
    const cold = await visit(cdp, url, readMs);
    const beforeStepKB = kB(bytesIn(cdp, cold.opened, cold.firstStepAt));
    const beforeStep = byTarget(cdp, cold.opened, cold.firstStepAt);
    let minuteKB;
    if (countMinute) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (cdp.now() - cold.opened))));
      minuteKB = kB(bytesIn(cdp, cold.opened, cold.opened + 60_000));
    } else {
      // The warm visit needs the service worker in control and the dataset cached.
      await pollPage(cdp, 'navigator.serviceWorker.controller !== null || null');
      await new Promise((resolve) => setTimeout(resolve, 8000));
    }
    const warm = await visit(cdp, url, readMs);
    cdp.close();
    return { cold: cold.trainToFirstStepMs, coldTrainEnabledMs: cold.trainEnabledMs, warm: warm.trainToFirstStepMs, warmTrainEnabledMs: warm.trainEnabledMs,
      beforeFirstStepKB: beforeStepKB, beforeFirstStepByTarget: beforeStep, ...(minuteKB === undefined ? {} : { firstMinuteKB: minuteKB }),
      warmBeforeFirstStepKB: kB(bytesIn(cdp, warm.opened, warm.firstStepAt)) };
  } finally {
    await chrome.close();
  }
}

/** @param {string} base the preview server's address @param {{ runs: number, lighthouse: boolean }} opts */
export async function runFirstVisitSuite(base, { runs = 3, lighthouse: withLighthouse = true, minute = true } = {}) {
  const out = { link: `${LINK.mbit} Mbit/s, ${LINK.latencyMs} ms, page and workers`, runs };
  if (withLighthouse) {
    const lh = [];
    for (let i = 0; i < runs; i++) lh.push(await lighthouseOnce(base));
    out.lighthouse = { median: Object.fromEntries(Object.keys(lh[0]).map((k) => [k, median(lh.map((r) => r[k]))])), all: lh };
  }
  for (const [name, readMs] of [['pressedWhenEnabled', 0], [`pressedAfter${READ_MS / 1000}s`, READ_MS]]) {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await coldThenWarm(base, readMs, minute && i === 0 && readMs === 0));
    out[name] = { coldTrainToFirstStepMs: median(all.map((r) => r.cold)), warmTrainToFirstStepMs: median(all.map((r) => r.warm)), all };
  }
  return out;
}
