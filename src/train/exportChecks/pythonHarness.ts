// Runs generated Python in the exporter tests: Debian's python3 with python3-torch (scripts/
// ensure-python-torch.mjs installs it for `npm test`; PYTHON may name another interpreter with torch).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = process.env.PYTHON || '/usr/bin/python3';
export const TORCHRUN = process.env.TORCHRUN || '/usr/bin/torchrun';

export function runPython(args: readonly string[], cwd: string, timeoutMs = 120_000): string {
  try {
    // A per-pixel network's probabilities for 100 images run to tens of MB of JSON: more than the 1 MB default.
    return execFileSync(PYTHON, args, { cwd, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 2 ** 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

export function runTorchrun(args: readonly string[], cwd: string, timeoutMs = 180_000): string {
  try {
    return execFileSync(TORCHRUN, args, { cwd, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`torchrun ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));
