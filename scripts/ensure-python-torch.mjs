// The PyTorch exporter's tests run the generated model.py and train.py with Debian's python3-torch (and
// torchrun). Install it when it is missing and we are root (fresh CI machines); otherwise say exactly what
// to install. PYTHON may name another interpreter that has torch.
import { execFileSync, execSync } from 'node:child_process';

const PYTHON = process.env.PYTHON || '/usr/bin/python3';

function hasTorch() {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, torch.distributed'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (hasTorch()) {
  console.log(`python3-torch: ${PYTHON}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The PyTorch export tests need torch for ${PYTHON}. Install it with:\n  sudo apt-get update && sudo apt-get install -y python3-torch`);
  process.exit(1);
}

console.log('python3-torch: not found, installing Debian package "python3-torch" (root)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync('apt-get install -y -qq --no-install-recommends python3-torch', { stdio: 'inherit', env });
} catch (err) {
  console.error(`Could not install python3-torch with apt-get: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
if (!hasTorch()) {
  console.error(`apt-get finished but ${PYTHON} still cannot import torch.`);
  process.exit(1);
}
console.log('python3-torch: installed');
