// The 'views' suite: the real app page, the workspace as it opens (every block's live thumbnail in the network
// strip, the loss chart, the default side panel) at a lecture-hall 1280 x 720, training LeNet-5 on all of MNIST. Epoch 1 is the warm-up. Then, in rounds, the app is
// paused while the bare tfjs loop runs in another page, and resumed for one more epoch: each epoch's
// throughput is compared with the bare loop measured just before and just after it. This machine's speed
// drifts by 10% and more over minutes (other guests on the host), so a bare figure taken minutes earlier,
// as the baseline suite's is, can make the same build look 0.74x or 0.93x; side by side, it cannot.
// During epoch 2 it also samples the main thread's long tasks and the thumbnail refresh rate; the long tasks are
// also listed over all the epochs after the warm-up. Views out of sight (hidden side panels) are not drawn and
// take no probes (frameScheduler.ts, useOnScreen), so the result lists the views that were on screen.

const LONG_TASK_MS = 50;
const ROUNDS = 3;
// 470 batches of 64 (about 30k images, some 15 s here) per bare measurement, after 20 warm-up batches.
const BARE_STEPS = 470;

/**
 * Records long tasks from the first moment of the page, before any app code runs, and the long animation
 * frames (what ran in a long task: scripts by invoker, then style, layout and paint), to tell a long task's kind.
 */
function installLongTaskObserver() {
  const tasks = [];
  const frames = [];
  globalThis.__benchLongTasks = tasks;
  globalThis.__benchLongFrames = frames;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (!PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const end = e.startTime + e.duration;
      frames.push({
        start: e.startTime, duration: e.duration,
        renderMs: e.renderStart > 0 ? end - e.renderStart : 0,
        styleAndLayoutMs: e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0,
        scripts: e.scripts.map((s) => ({ invoker: s.invoker, ms: Math.round(s.duration), layoutMs: Math.round(s.forcedStyleAndLayoutDuration) })),
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

/** What the long animation frame holding a long task spent its time on, or null where none was recorded. */
function frameOf(frames, task) {
  const f = frames.find((x) => x.start <= task.start + 1 && x.start + x.duration >= task.start + task.duration - 1);
  if (!f) return null;
  const scriptMs = f.scripts.reduce((sum, s) => sum + s.ms, 0);
  return {
    frameMs: Math.round(f.duration), scriptMs, renderMs: Math.round(f.renderMs), styleAndLayoutMs: Math.round(f.styleAndLayoutMs),
    scripts: [...f.scripts].sort((x, y) => y.ms - x.ms).slice(0, 4).map((s) => `${s.invoker} ${s.ms} ms${s.layoutMs ? ` (layout ${s.layoutMs})` : ''}`),
  };
}

const epochRow = (n) => `.epoch-table tr[data-epoch="${n}"]`;
const counters = (page) => page.evaluate(() => ({ ...globalThis.__cnnpViz?.counters, now: performance.now() }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU seconds used so far by each of the browser's processes, summed by process type (renderer, GPU, ...). */
async function cpuByProcessType(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const out = {};
  for (const p of processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime;
  return out;
}

/** The bare loop on `backend` in a page of its own; its images per second. */
async function bareLoop(browser, base, backend) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}bench/?backend=${encodeURIComponent(backend)}&suite=bare&steps=${BARE_STEPS}`);
    await page.waitForFunction(() => 'benchResult' in globalThis, undefined, { timeout: 10 * 60_000, polling: 500 });
    const result = await page.evaluate(() => globalThis.benchResult);
    if (result.error) throw new Error(`bare loop: ${result.error}`);
    return result.bareLoopImagesPerSecond;
  } finally {
    await page.close();
  }
}

/**
 * @param {import('playwright-core').Browser} browser @param {string} base @param {string} backend
 * @param {{ panelsClosed?: boolean }} [options] panelsClosed: every view panel closed (`--panels=closed`), to
 *   tell what the views cost from what the rest of the page costs.
 */
export async function runViewsSuite(browser, base, backend, options = {}) {
  // Where the CPU goes while the views draw: the renderer (the worker that trains, the page's main
  // thread) and the GPU process (compositing; on a machine without a GPU, SwiftShader does it on the CPU).
  const cdp = await browser.newBrowserCDPSession();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript(installLongTaskObserver);
  await page.goto(`${base}?backend=${encodeURIComponent(backend)}&epochs=${ROUNDS + 1}`);
  await page.waitForSelector('[data-action=train]:not([disabled])');
  // The epoch table (the engine's images per second) lives in a side panel: mount it, then go back to the
  // default panel, so what is on screen is the workspace as it opens.
  await page.click('[data-panel-tab=epochs]');
  // The panel, not its table: the table appears with the first epoch.
  await page.waitForSelector('[data-panel-body=epochs] .epoch-panel', { state: 'attached' });
  await page.click('[data-panel-tab=data]');
  if (options.panelsClosed) {
    await page.evaluate(() => globalThis.document.querySelectorAll('details[data-panel][open]').forEach((d) => { d.open = false; }));
  }
  await page.click('[data-action=train]');
  await page.waitForSelector(epochRow(1), { state: 'attached', timeout: 20 * 60_000 });
  const backendName = await page.locator('.status-bar .backend').getAttribute('data-backend');

  // Pause and resume are clicked from script, as the bench has always done.
  const press = (action) => page.evaluate((a) => globalThis.document.querySelector(`[data-action=${a}]`).click(), action);
  const pause = async () => {
    await page.waitForSelector('[data-action=pause]:not([disabled])');
    await press('pause');
    await page.waitForSelector('[data-action=resume]');
  };
  const resume = () => press('resume');
  const onScreen = () => page.evaluate(() => {
    const seen = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.bottom > 0 && r.top < globalThis.innerHeight; };
    const views = [...globalThis.document.querySelectorAll('[data-testid]')]
      .filter((el) => ['feature-maps', 'filters', 'gradient-flow', 'saliency', 'loss-chart'].includes(el.dataset.testid))
      .filter(seen).map((el) => el.dataset.testid);
    const thumbs = [...globalThis.document.querySelectorAll('[data-thumb]')].filter(seen).length;
    return [...views, `thumbnails:${thumbs}`];
  });

  const bare = [];
  const engine = [];
  /** Page-clock spans of training after warm-up: from each resume to the end of that epoch's evaluation. */
  const trained = [];
  let sample = null;
  for (let epoch = 2; epoch <= ROUNDS + 1; epoch++) {
    await pause();
    bare.push(await bareLoop(browser, base, backendName));
    const from = (await counters(page)).now;
    await resume();
    if (epoch === 2) {
      // Sample inside epoch 2's training, away from its start and from the epoch-end evaluation.
      await page.waitForTimeout(2_000);
      const a = await counters(page);
      const cpuA = await cpuByProcessType(cdp);
      await page.waitForTimeout(15_000);
      const cpuB = await cpuByProcessType(cdp);
      sample = { a, b: await counters(page), onScreen: await onScreen(), cpuA, cpuB };
    }
    await page.waitForSelector(epochRow(epoch), { state: 'attached', timeout: 20 * 60_000 });
    trained.push([from, (await counters(page)).now]);
    engine.push(Number(await page.locator(`${epochRow(epoch)} .images-per-second`).getAttribute('data-value')));
  }
  // The run has ended with its last epoch: the page is idle while the last bare loop runs.
  await page.waitForSelector('[data-action=train]:not([disabled])');
  bare.push(await bareLoop(browser, base, backendName));
  const tasks = await page.evaluate(() => globalThis.__benchLongTasks);
  const frames = await page.evaluate(() => globalThis.__benchLongFrames);
  await page.close();

  await cdp.detach();
  const { a, b } = sample;
  const during = tasks.filter((t) => t.start >= a.now && t.start <= b.now && t.duration > LONG_TASK_MS);
  // Each long task of those epochs, with where it fell: seconds after the resume and before the epoch's end.
  const inEpochs = trained.flatMap(([from, to], i) => tasks
    .filter((t) => t.duration > LONG_TASK_MS && t.start >= from && t.start <= to)
    .map((t) => ({ ms: Math.round(t.duration), epoch: i + 2,
      afterResumeS: Number(((t.start - from) / 1000).toFixed(1)), beforeEpochEndS: Number(((to - t.start) / 1000).toFixed(1)),
      frame: frameOf(frames, t) })));
  const seconds = (b.now - a.now) / 1000;
  const cpuCores = Object.fromEntries(Object.keys(sample.cpuB)
    .map((type) => [type, Number(((sample.cpuB[type] - (sample.cpuA[type] ?? 0)) / seconds).toFixed(2))])
    .filter(([, cores]) => cores >= 0.01));
  // Each epoch against the mean of the bare runs just before and just after it.
  const ratios = engine.map((ips, i) => ips / ((bare[i] + bare[i + 1]) / 2));
  return {
    backend: backendName,
    panels: options.panelsClosed ? 'closed' : 'open',
    viewsOnScreen: sample.onScreen,
    engineImagesPerSecondWithViewsByEpoch: engine.map(Math.round),
    bareLoopImagesPerSecondBetweenEpochs: bare,
    engineWithViewsToBareRatioByEpoch: ratios.map((r) => Number(r.toFixed(3))),
    engineWithViewsToBareRatio: Number(median(ratios).toFixed(3)),
    thumbnailRefreshesPerSecond: Number((((b.thumbnailRefreshes ?? 0) - (a.thumbnailRefreshes ?? 0)) / seconds).toFixed(2)),
    featureMapRefreshesPerSecond: Number((((b.featureMapRefreshes ?? 0) - (a.featureMapRefreshes ?? 0)) / seconds).toFixed(2)),
    longTasksOver50msAfterWarmup: during.length,
    longestTaskAfterWarmupMs: Math.round(Math.max(0, ...during.map((t) => t.duration))),
    // The same count over every epoch after the warm-up, resume to evaluation end (pause and resume clicks,
    // epoch ends and the test-set evaluation included).
    longTasksOver50msInEpochs2On: inEpochs,
    secondsInEpochs2On: Number((trained.reduce((sum, [from, to]) => sum + to - from, 0) / 1000).toFixed(1)),
    sampledSeconds: Number(seconds.toFixed(1)),
    cpuCoresByProcessDuringSample: cpuCores,
  };
}
