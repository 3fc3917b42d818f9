// The browser tests run in three engines: Debian's Chromium, Firefox ESR and WebKitGTK (its WebDriver under a
// virtual X display). Install what is missing when we are root (fresh CI machines); otherwise say exactly
// what to install. Never a downloaded browser: the Debian packages only.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const NEEDS = [
  { path: process.env.CHROMIUM_PATH || '/usr/bin/chromium', packages: ['chromium', 'fonts-noto-cjk'] },
  { path: '/usr/bin/firefox-esr', packages: ['firefox-esr'] },
  { path: '/usr/bin/WebKitWebDriver', packages: ['webkit2gtk-driver'] },
  { path: '/usr/bin/xvfb-run', packages: ['xvfb'] },
];

const missing = NEEDS.filter((n) => !existsSync(n.path));
if (missing.length === 0) {
  console.log(`browsers: ${NEEDS.map((n) => n.path).join(', ')}`);
  process.exit(0);
}

const packages = [...new Set(missing.flatMap((n) => n.packages))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Browser tests need ${missing.map((n) => n.path).join(', ')}. Install them with:\n`
    + `  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}

console.log(`browsers: installing Debian packages ${packages.join(' ')} (root)...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit', env });
} catch (err) {
  console.error(`Could not install ${packages.join(' ')} with apt-get: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
const still = NEEDS.filter((n) => !existsSync(n.path));
if (still.length > 0) {
  console.error(`apt-get finished but ${still.map((n) => n.path).join(', ')} is still missing.`);
  process.exit(1);
}
console.log('browsers: installed');
