// A bare Chrome DevTools Protocol client for the first-visit bench: it attaches to every target the browser
// makes (the page, its dedicated workers and their nested workers, the service worker) before any of them
// runs, holds each one's network to the same emulated link, and counts the bytes each moves over the
// network. Playwright throttles only the page; a class's first Train waits mostly on its workers' fetches.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, SOFTWARE_COMPOSITING_ARGS } from './chromium.mjs';

/** Starts headless Chromium on a fresh profile; resolves with its DevTools WebSocket address. */
export async function startChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'firstvisit-profile-'));
  const proc = spawn(process.env.CHROMIUM_PATH || '/usr/bin/chromium', [...CHROMIUM_ARGS, ...SOFTWARE_COMPOSITING_ARGS,
    '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const wsUrl = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text}`)), 30_000);
    proc.stderr.on('data', (chunk) => {
      text += chunk;
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  const close = async () => {
    proc.kill('SIGTERM');
    await new Promise((resolve) => proc.once('exit', resolve));
    // Chromium's helper processes may still be writing the profile as the browser exits.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      // left in the temporary folder
    }
  };
  return { wsUrl, port: Number(new URL(wsUrl).port), close };
}

/**
 * Connects to the browser; every target is attached paused, throttled to `link`, and resumed.
 * @param {string} wsUrl @param {{ latencyMs: number, mbit: number }} link
 */
export async function connect(wsUrl, link) {
  const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map();
  const handlers = new Set();
  const t0 = Date.now();
  /** Bytes moved over the network, with the time (ms from connect) each request finished, by target type. */
  const transfers = [];
  const requests = new Map();
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
  });
  const types = new Map();
  const bytesPerSecond = (link.mbit * 1e6) / 8;
  const attach = (sessionId, type) => {
    types.set(sessionId, type);
    // Sent in order and not awaited: a paused service worker answers only once it runs, and the session
    // handles its commands in order, so the throttle is in place before the target's first fetch.
    const quiet = () => undefined;
    send('Network.enable', {}, sessionId).catch(quiet);
    send('Network.emulateNetworkConditions', { offline: false, latency: link.latencyMs, downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond }, sessionId).catch(quiet);
    if (type !== 'service_worker') {
      send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId).catch(quiet);
    }
    send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(quiet);
  };
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.method === 'Target.attachedToTarget') attach(msg.params.sessionId, msg.params.targetInfo.type);
    const key = `${msg.sessionId}:${msg.params?.requestId}`;
    if (msg.method === 'Network.responseReceived') {
      const r = msg.params.response;
      // Served by the service worker or the HTTP cache: no bytes crossed the network for this target.
      requests.set(key, { url: r.url, local: r.fromServiceWorker || r.fromDiskCache || r.fromPrefetchCache || r.url.startsWith('data:') });
    }
    if (msg.method === 'Network.loadingFinished') {
      const r = requests.get(key);
      if (r && !r.local && r.url.startsWith('http')) transfers.push({ at: Date.now() - t0, bytes: msg.params.encodedDataLength, url: r.url, target: types.get(msg.sessionId) });
    }
    for (const handler of handlers) handler(msg);
  });
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true,
    filter: [{ type: 'browser', exclude: true }, { type: 'tab', exclude: true }, {}] });
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const pageSession = await new Promise((resolve) => {
    const check = () => {
      for (const [session, type] of types) if (type === 'page') return resolve(session);
      setTimeout(check, 20);
    };
    check();
  });
  return {
    targetId,
    now: () => Date.now() - t0,
    transfers,
    /** Sends to the page's session. */
    page: (method, params) => send(method, params, pageSession),
    /** Evaluates an expression in the page and returns its value (awaiting a promise). */
    evaluate: async (expression) => {
      const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, pageSession);
      if (exceptionDetails) throw new Error(`page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    },
    close: () => ws.close(),
  };
}
