// model.py's decode_grid (python3-torch) reads a raw grid as the app does (src/tasks/detectionGrid.ts):
// sigmoid objectness, x, y, w, h and softmax class probabilities, cell by cell, to float32 tolerance.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pytorchModelPy } from '../../codegen/pytorchModel';
import { analyzeModel } from '../../model/analyze';
import { gridDetector } from '../../model/detectionNets';
import { CELL, decodeGrid } from '../../tasks/detectionGrid';
import { mulberry32 } from '../../data/batches';
import { runPython, tempDir } from './pythonHarness';

const SCENES = { inputShape: [64, 64, 1], numClasses: 11 } as const;

const CHECK_PY = `
import importlib.util, json, sys, torch
spec = importlib.util.spec_from_file_location("m", "model.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
grid = torch.tensor(json.load(open("grid.json")), dtype=torch.float32).reshape(1, 8, 8, 15).permute(0, 3, 1, 2)
print(json.dumps(m.decode_grid(grid).flatten().tolist()))
`;

describe('decode_grid in model.py', () => {
  it('gives the app\'s objectness, box and class probabilities for every cell', () => {
    const dir = tempDir('cnnp-decode-');
    mkdirSync(dir, { recursive: true });
    const random = mulberry32(26);
    const grid = Array.from({ length: 8 * 8 * 15 }, () => 6 * (random() - 0.5));
    writeFileSync(join(dir, 'model.py'), pytorchModelPy(gridDetector(), analyzeModel(gridDetector(), SCENES), SCENES));
    writeFileSync(join(dir, 'grid.json'), JSON.stringify(grid));
    writeFileSync(join(dir, 'check.py'), CHECK_PY);
    const decoded = JSON.parse(runPython(['check.py'], dir).trim().split('\n').pop() as string) as number[];
    const cells = decodeGrid(grid, 0, SCENES);
    let worst = 0;
    cells.forEach((c, i) => {
      const d = decoded.slice(i * 15, (i + 1) * 15);
      const [obj, x, y, w, h] = d as [number, number, number, number, number];
      const probs = d.slice(5);
      const box = [(c.col + x) * CELL - (w * 64) / 2, (c.row + y) * CELL - (h * 64) / 2, (c.col + x) * CELL + (w * 64) / 2, (c.row + y) * CELL + (h * 64) / 2];
      const best = probs.indexOf(Math.max(...probs));
      expect(best + 1).toBe(c.label);
      worst = Math.max(worst, Math.abs(obj - c.objectness), Math.abs(obj * (probs[best] ?? 0) - c.score),
        ...box.map((v, k) => Math.abs(v - (c.box[k] ?? 0)) / 64));
    });
    console.log(`decode_grid vs the app: max |difference| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
  });
});
