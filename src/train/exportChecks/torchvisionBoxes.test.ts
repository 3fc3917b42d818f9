// IoU and non-maximum suppression (src/detection/) against torchvision.ops.box_iou and nms, run under
// Debian's python3 with python3-torchvision, on generated sets of overlapping boxes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iouMatrix, type Box } from '../../detection/iou';
import { nms } from '../../detection/nms';
import { runPython, tempDir } from './pythonHarness';

const TORCHVISION_PY = `
import json, sys, torch, torchvision
out = []
for case in json.load(open(sys.argv[1])):
    a = torch.tensor(case["a"], dtype=torch.float64).reshape(-1, 4)
    b = torch.tensor(case["b"], dtype=torch.float64).reshape(-1, 4)
    scores = torch.tensor(case["scores"], dtype=torch.float64)
    out.append({"iou": torchvision.ops.box_iou(a, b).tolist(), "nms": torchvision.ops.nms(a, scores, case["threshold"]).tolist()})
print(json.dumps(out))
`;

const boxArb = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 4, max: 30 }), fc.integer({ min: 4, max: 30 }))
  .map(([x, y, w, h]): Box => [x, y, x + w, y + h]);

describe('against torchvision', () => {
  it('box_iou and nms agree on 50 generated sets of boxes', () => {
    const cases = fc.sample(fc.record({
      a: fc.array(boxArb, { minLength: 3, maxLength: 12 }), b: fc.array(boxArb, { minLength: 1, maxLength: 6 }),
      threshold: fc.constantFrom(0.1, 0.3, 0.5, 0.7), seed: fc.nat(),
    }).map(({ a, b, threshold, seed }) => ({ a, b, threshold, scores: a.map((_, i) => ((seed * 7919 + i * 104729) % 1000) / 1000 + i * 1e-7) })),
    { numRuns: 50, seed: 5 });
    const dir = tempDir('cnnp-boxes-');
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    writeFileSync(join(dir, 'check.py'), TORCHVISION_PY);
    const torch = JSON.parse(runPython(['check.py', 'cases.json'], dir).trim()) as { iou: number[][]; nms: number[] }[];
    expect(torch).toHaveLength(50);
    cases.forEach((c, k) => {
      const ours = iouMatrix(c.a, c.b);
      ours.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(torch[k]!.iou[i]![j]!, 12)));
      expect([k, nms(c.a, c.scores, c.threshold)]).toEqual([k, torch[k]!.nms]);
    });
    // The generated sets do overlap: suppression happened in most of them.
    expect(cases.filter((c, k) => torch[k]!.nms.length < c.a.length).length).toBeGreaterThan(20);
  });
});
