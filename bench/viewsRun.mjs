// The 'views' suite: the real app page with every view open (feature maps, filters, gradient flow, saliency,
// predictions, curves) training LeNet-5 on all of MNIST for two epochs. Epoch 1 is the warm-up; during epoch 2
// it measures the engine's throughput, the main thread's long tasks and the feature-map refresh rate.

const LONG_TASK_MS = 50;

/** Records long tasks from the first moment of the page, before any app code runs. */
function installLongTaskObserver() {
  const tasks = [];
  globalThis.__benchLongTasks = tasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const epochRow = (n) => `.epoch-table tr[data-epoch="${n}"]`;
const counters = (page) => page.evaluate(() => ({ ...globalThis.__cnnpViz?.counters, now: performance.now() }));

/** @param {import('playwright-core').Browser} browser @param {string} base @param {string} backend */
export async function runViewsSuite(browser, base, backend) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(installLongTaskObserver);
  await page.goto(`${base}?backend=${encodeURIComponent(backend)}&epochs=2`);
  await page.waitForSelector('[data-action=train]:not([disabled])');
  await page.click('[data-action=train]');
  await page.waitForSelector(epochRow(1), { timeout: 20 * 60_000 });
  // Sample inside epoch 2's training, away from its start and from the epoch-end evaluation.
  await page.waitForTimeout(2_000);
  const a = await counters(page);
  await page.waitForTimeout(15_000);
  const b = await counters(page);
  await page.waitForSelector(epochRow(2), { timeout: 20 * 60_000 });
  const imagesPerSecond = Number(await page.locator(`${epochRow(2)} .images-per-second`).getAttribute('data-value'));
  const tasks = await page.evaluate(() => globalThis.__benchLongTasks);
  const during = tasks.filter((t) => t.start >= a.now && t.start <= b.now && t.duration > LONG_TASK_MS);
  const backendName = await page.locator('.status-bar .backend').getAttribute('data-backend');
  await page.close();
  const seconds = (b.now - a.now) / 1000;
  return {
    backend: backendName,
    engineImagesPerSecondWithViews: Math.round(imagesPerSecond),
    featureMapRefreshesPerSecond: Number((((b.featureMapRefreshes ?? 0) - (a.featureMapRefreshes ?? 0)) / seconds).toFixed(2)),
    longTasksOver50msAfterWarmup: during.length,
    longestTaskAfterWarmupMs: Math.round(Math.max(0, ...during.map((t) => t.duration))),
    sampledSeconds: Number(seconds.toFixed(1)),
  };
}
