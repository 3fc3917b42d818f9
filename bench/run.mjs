// npm run bench: serves the production build, opens the benchmark page in headless Debian Chromium and
// prints its result as one JSON object. Pass --backend=wasm|webgl|cpu to force a backend, and
// --suite=baseline,lenet,lenet990,cifar,cifarBn,backends,bn,parallel,understand,unet,views to run only some parts (default: all; see bench/benchPage.ts and
// bench/viewsRun.mjs). --suite=firstvisit (not in the default): a class's first visit (bench/firstVisit.mjs). --compositing=software (the default: as Chrome composites on a machine with no GPU) or
// --compositing=swiftshader (as the browser tests run: the page composited through SwiftShader; see
// bench/chromium.mjs).
// --suite=vit / --suite=vit97 (not in the default): ViT-tiny against the ResNet of its size, and to 97% on MNIST (bench/vitSuite.ts).
// --suite=transfer (not in the default): a linear probe on the CIFAR-10 animals backbone against training from scratch on 10% of the vehicle labels (bench/transferSuite.ts).
import { preview } from 'vite';
import { launchChromium, SOFTWARE_COMPOSITING_ARGS } from './chromium.mjs';
import { runViewsSuite } from './viewsRun.mjs';
import { runParallelViewsSuite } from './parallelViewsRun.mjs';
import { runFirstVisitSuite } from './firstVisit.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const backend = arg('backend', 'auto');
const suite = arg('suite', 'baseline,lenet,lenet990,cifar,cifarBn,backends,bn,parallel,understand,unet,views');
const pageSuites = suite.split(',').filter((s) => s !== 'views' && s !== 'firstvisit').join(',');
const compositing = arg('compositing', 'software');
if (!['software', 'swiftshader'].includes(compositing)) throw new Error(`--compositing=${compositing}: software or swiftshader`);

// BENCH_DIST serves another build folder than dist/ (parallel work builds into its own folders).
const outDir = process.env.BENCH_DIST || 'dist';
const server = await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
const base = server.resolvedUrls?.local[0];
const browser = await launchChromium(compositing === 'software' ? SOFTWARE_COMPOSITING_ARGS : []);
let exitCode = 0;
try {
  let result = {};
  if (pageSuites) {
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
    await page.goto(`${base}bench/?backend=${encodeURIComponent(backend)}&suite=${encodeURIComponent(pageSuites)}`);
    await page.waitForFunction(() => 'benchResult' in globalThis, undefined, { timeout: 60 * 60_000, polling: 1000 });
    result = await page.evaluate(() => globalThis.benchResult);
    await page.close();
  }
  if (suite.split(',').includes('parallel') && !('error' in result)) {
    // Views closed came from the bench page (parallelSuite.ts); views open from the app page.
    const viewsOpen = await runParallelViewsSuite(browser, base).catch((err) => ({ error: String(err?.message ?? err) }));
    result = { ...result, parallel: { viewsClosed: result.parallel, viewsOpen } };
  }
  if (suite.split(',').includes('views') && !('error' in result)) {
    // The views suite measures its own bare loop between the app's epochs (see viewsRun.mjs).
    const panelsClosed = arg('panels', 'open') === 'closed';
    result = { ...result, [panelsClosed ? 'withViewsClosed' : 'withAllViews']: await runViewsSuite(browser, base, backend, { panelsClosed }) };
  }
  if (suite.split(',').includes('firstvisit') && !('error' in result)) {
    // Its own browsers: fresh profiles, every target throttled (firstVisit.mjs). --runs=N, --lighthouse=no.
    result = { ...result, firstVisit: await runFirstVisitSuite(base, { runs: Number(arg('runs', '3')), lighthouse: arg('lighthouse', 'yes') !== 'no' }) };
  }
  const cpus = (await import('node:os')).cpus();
  console.log(JSON.stringify({ ...result, machine: `${cpus.length} x ${cpus[0]?.model ?? 'cpu'}`,
    chromium: browser.version(), compositing }));
  if (result && typeof result === 'object' && 'error' in result) exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
process.exit(exitCode);
