// The notebook and ONNX export tests run the exported files with Debian's Python packages: the onnx checker
// (python3-onnx), torchvision, and a notebook executed by jupyter-nbconvert (with python3-ipykernel as its
// kernel and python3-matplotlib for the plot). Install what is missing when we are root (fresh CI
// machines); otherwise say exactly what to install. PYTHON may name another interpreter with these modules.
import { execFileSync, execSync } from 'node:child_process';

const PYTHON = process.env.PYTHON || '/usr/bin/python3';
const NBCONVERT = process.env.JUPYTER_NBCONVERT || '/usr/bin/jupyter-nbconvert';
const PACKAGES = ['python3-onnx', 'python3-torchvision', 'python3-ipykernel', 'python3-matplotlib', 'jupyter-nbconvert'];

function ready() {
  try {
    execFileSync(PYTHON, ['-c', 'import onnx, onnx.checker, torchvision, ipykernel, matplotlib'], { stdio: 'ignore' });
    execFileSync(NBCONVERT, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (ready()) {
  console.log(`python formats (onnx, torchvision, ipykernel, matplotlib, nbconvert): ${PYTHON}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`The notebook and ONNX export tests need ${PACKAGES.join(', ')}. Install them with:\n  sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}`);
  process.exit(1);
}

console.log(`python formats: missing, installing ${PACKAGES.join(' ')} (root)...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execSync('apt-get update -qq', { stdio: 'inherit', env });
  execSync(`apt-get install -y -qq --no-install-recommends ${PACKAGES.join(' ')}`, { stdio: 'inherit', env });
} catch (err) {
  console.error(`Could not install them with apt-get: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
if (!ready()) {
  console.error('apt-get finished but the modules or jupyter-nbconvert are still missing.');
  process.exit(1);
}
console.log('python formats: installed');
