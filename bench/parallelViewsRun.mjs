// The 'parallel' suite, views open: the real app page at 1280 x 720 (the workspace as it opens: live
// thumbnails in every block, the loss chart), LeNet-5 and the cifarBn preset on wasm, with ?workers=1 and
// with the K workers the core count gives. Two epochs on a slice of the training set; epoch 2's images per
// second (the engine's own figure, read from the epoch table) is the result.

const NETS = [
  { name: 'lenet5', preset: null, trainLimit: 12_800 },
  { name: 'cifarBn', preset: 'cifarBn', trainLimit: 3_200 },
];

async function epochTwo(browser, base, net, workers) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(`${base}?backend=wasm&trainLimit=${net.trainLimit}&testLimit=500&epochs=2&workers=${workers}`);
    await page.waitForSelector('[data-action=train]:not([disabled])');
    if (net.preset) await page.selectOption('[data-testid=top-preset]', net.preset);
    // The epoch table lives in a side panel: mount it, then go back to the default panel.
    await page.click('[data-panel-tab=epochs]');
    await page.waitForSelector('.epoch-panel', { state: 'attached' });
    await page.click('[data-panel-tab=data]');
    await page.click('[data-action=train]');
    const row = '.epoch-table tr[data-epoch="2"]';
    await page.waitForSelector(row, { state: 'attached', timeout: 20 * 60_000 });
    const ips = Number(await page.locator(`${row} .images-per-second`).getAttribute('data-value'));
    const count = Number(await page.locator('.status-bar .workers').getAttribute('data-workers'));
    return { ips, count };
  } finally {
    await page.close();
  }
}

/** @param {import('playwright-core').Browser} browser @param {string} base */
export async function runParallelViewsSuite(browser, base) {
  const out = { views: 'open' };
  for (const net of NETS) {
    const one = await epochTwo(browser, base, net, '1');
    const many = await epochTwo(browser, base, net, 'many');
    out[net.name] = { workers: many.count, oneWorkerImagesPerSecond: Math.round(one.ips),
      kWorkersImagesPerSecond: Math.round(many.ips), speedup: Number((many.ips / one.ips).toFixed(2)) };
  }
  return out;
}
