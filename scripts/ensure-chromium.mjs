// Browser tests need Debian's Chromium at /usr/bin/chromium (never a downloaded browser). Install it when
// it is missing and we are root (fresh CI machines); otherwise say exactly what to install.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (existsSync(CHROMIUM)) {
  console.log(`chromium: ${CHROMIUM}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Browser tests need Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium`);
  process.exit(1);
}

console.log('chromium: not found, installing Debian package "chromium" (root)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync('apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk', { stdio: 'inherit', env });
} catch (err) {
  console.error(`Could not install chromium with apt-get: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
console.log(`chromium: installed at ${CHROMIUM}`);
