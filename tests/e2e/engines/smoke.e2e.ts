// The smoke suite in three engines (Chromium, Firefox ESR, WebKitGTK for Safari): one page session per
// engine walks what a class does first, in order: the first screen with no error, a short LeNet-5 run with
// live thumbnails, the draw pad's prediction, an export, the trained project reopened after a reload, a lesson
// step, and the Korean UI. Small data (trainLimit) and the wasm backend, which every engine has, keep it short.
// SMOKE_SHOTS=/folder saves each engine's first screen there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../browser';
import { ENGINES, openEngine, type EngineSession } from './adapter';

const QUERY = '/?trainLimit=512&testLimit=128&epochs=1&backend=wasm';
const shots = process.env.SMOKE_SHOTS;

/** Waits until `fn` (page-side source) returns something truthy, polling from Node (works in every driver). */
async function until(s: EngineSession, what: string, fn: string, arg?: unknown, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await s.run<boolean>(fn, arg).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${s.engine}: timed out waiting for ${what}`);
}

const present = '(sel) => document.querySelector(sel) !== null';
const click = '(sel) => { const el = document.querySelector(sel); if (!el) throw new Error("no " + sel); el.click(); return true; }';
const thumbStep = '(id) => Number(document.querySelector(`[data-thumb="${id}"] canvas`)?.getAttribute("data-step") ?? 0)';
/** The app's own error screens (an error boundary), which catch what a driver may not report. */
const errorScreens = '() => [...document.querySelectorAll(".error-panel")].map((el) => el.textContent)';

async function noErrors(s: EngineSession): Promise<void> {
  expect(await s.errors(), `${s.engine} page errors`).toEqual([]);
  expect(await s.run<string[]>(errorScreens), `${s.engine} error screens`).toEqual([]);
}

async function firstScreen(s: EngineSession): Promise<void> {
  await s.open(`${baseUrl()}${QUERY}`);
  await until(s, 'the network', present, '.react-flow__node[data-id=output] .block-thumb');
  if (shots) await s.screenshot(`${shots}/smoke-${s.engine}.png`);
  expect(await s.run<number>('() => document.querySelectorAll(".react-flow__node").length')).toBe(13);
  await noErrors(s);
}

async function trainWithThumbnails(s: EngineSession): Promise<void> {
  await s.run(click, '[data-action=train]');
  await until(s, 'live conv thumbnails', `() => ["conv1", "conv2"].every((id) => (${thumbStep})(id) > 0)`, null, 120_000);
  await until(s, 'the run to end', present, '[data-phase=done]', 120_000);
}

async function drawAndPredict(s: EngineSession): Promise<void> {
  await s.run(click, '[data-panel-tab=predict]');
  await until(s, 'the draw pad', present, '[data-testid=draw-pad]');
  const box = await s.run<{ x: number; y: number; w: number; h: number }>(`(sel) => { const el = document.querySelector(sel);
    el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; }`,
  '[data-testid=draw-pad]');
  await s.stroke([[0.5, 0.15], [0.5, 0.5], [0.52, 0.85]].map(([x, y]) => [box.x + x! * box.w, box.y + y! * box.h] as const));
  await until(s, 'the prediction', '() => (document.querySelector("[data-testid=probabilities]")?.getAttribute("data-values") ?? "") !== ""');
}

/** The export's zip, caught as the blob it is built into (downloads differ between engines and drivers). */
async function exportZip(s: EngineSession): Promise<void> {
  await s.run(`() => { window.__exported = []; const make = URL.createObjectURL;
    URL.createObjectURL = (blob) => { window.__exported.push(blob.size); return make.call(URL, blob); };
    HTMLAnchorElement.prototype.click = function () {}; return true; }`);
  await s.run(click, '[data-action=projects]');
  await until(s, 'the project list', present, '[data-export=tfjs]:not([disabled])');
  await s.run(click, '[data-export=tfjs]');
  await until(s, 'the exported zip', '() => (window.__exported ?? []).some((size) => size > 100000)', null, 60_000);
}

async function reopenProject(s: EngineSession): Promise<void> {
  // The project saved itself after the epoch; the list shows its accuracy once it has.
  await until(s, 'the saved project', '() => /%/.test(document.querySelector(".projects-list tr[aria-current=true]")?.textContent ?? "")');
  await s.open(`${baseUrl()}${QUERY}`);
  await until(s, 'the reopened weights', `() => ["conv1", "conv2"].every((id) => (${thumbStep})(id) > 0)`, null, 90_000);
  expect(await s.run<boolean>(present, '[data-phase=done]')).toBe(false); // nothing was trained again
}

async function lessonStep(s: EngineSession): Promise<void> {
  await s.run(click, '[data-action=lessons]');
  await until(s, 'the lesson list', present, '[data-lesson="1"]');
  await s.run(click, '[data-lesson="1"]');
  await until(s, 'lesson step 1.1 with its formula', present, '[data-testid=lessons][data-step="1.1"] [data-testid=formula] .katex');
}

async function korean(s: EngineSession): Promise<void> {
  await s.run(click, '.language-switch button[lang=ko]');
  await until(s, 'the Korean UI', '() => document.documentElement.lang === "ko" && document.querySelector("[data-action=train]")?.textContent === "학습 시작"');
  await until(s, 'the Korean lesson', '() => /[가-힣]/.test(document.querySelector("[data-testid=lessons]")?.textContent ?? "")');
}

describe.each(ENGINES)('smoke in %s', (engine) => {
  let s: EngineSession | undefined;

  beforeAll(async () => {
    s = await openEngine(engine);
  }, 90_000);

  afterAll(async () => {
    await s?.close();
  });

  it('first screen, a LeNet-5 run with live thumbnails, the draw pad, an export, the project reopened, a lesson step, Korean', async () => {
    if (!s) throw new Error(`${engine} did not start`);
    await firstScreen(s);
    await trainWithThumbnails(s);
    await drawAndPredict(s);
    await exportZip(s);
    await reopenProject(s);
    await lessonStep(s);
    await korean(s);
    await noErrors(s);
  }, 420_000);
});
