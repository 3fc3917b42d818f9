// The transposed convolution's output size (the core's formula, and the shape the block analyses to)
// equals PyTorch's ConvTranspose2d's, for generated input sizes, kernels, strides, paddings, output
// paddings and dilations: each case is built in Debian's python3-torch and run on zeros.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transposePlan } from '../../blocks/common/transpose';
import { convTranspose2dModule } from '../../blocks/convTranspose2d';
import { runPython, tempDir } from './pythonHarness';

const SIZES_PY = `
import json, sys, torch
out = []
for c in json.load(open(sys.argv[1])):
    layer = torch.nn.ConvTranspose2d(1, 1, (c["k"], c["k2"]), stride=(c["s"], c["s2"]), padding=(c["p"], c["p"]),
                                     output_padding=(c["op"], c["op2"]), dilation=(c["d"], c["d2"]))
    y = layer(torch.zeros(1, 1, c["h"], c["w"]))
    out.append([y.shape[2], y.shape[3]])
print(json.dumps(out))
`;

interface SizeCase { h: number; w: number; k: number; k2: number; s: number; s2: number; d: number; d2: number; p: number; op: number; op2: number }

// PyTorch's rule: output padding below the stride or the dilation; the output at least one pixel.
const cases: SizeCase[] = fc.sample(fc.record({
  h: fc.integer({ min: 1, max: 12 }), w: fc.integer({ min: 1, max: 12 }), k: fc.integer({ min: 1, max: 6 }), k2: fc.integer({ min: 1, max: 6 }),
  s: fc.integer({ min: 1, max: 4 }), s2: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 3 }), d2: fc.integer({ min: 1, max: 3 }),
  p: fc.nat(4), op: fc.nat(3), op2: fc.nat(3), dilated: fc.boolean(),
}).map(({ dilated, ...c }) => (dilated ? c : { ...c, d: 1, d2: 1 }))
  .map((c) => ({ ...c, op: c.op % Math.max(c.s, c.d), op2: c.op2 % Math.max(c.s2, c.d2) }))
  .filter((c) => transposePlan(c.h, c.k, c.s, c.p, c.op, c.d).output >= 1 && transposePlan(c.w, c.k2, c.s2, c.p, c.op2, c.d2).output >= 1),
{ numRuns: 60, seed: 9 });

describe("transposed convolution's output size", () => {
  it('equals PyTorch ConvTranspose2d for 60 generated cases', () => {
    const dir = tempDir('cnnp-convt-');
    writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));
    writeFileSync(join(dir, 'sizes.py'), SIZES_PY);
    const torch = JSON.parse(runPython(['sizes.py', 'cases.json'], dir).trim()) as [number, number][];
    const ours = cases.map((c) => [transposePlan(c.h, c.k, c.s, c.p, c.op, c.d).output, transposePlan(c.w, c.k2, c.s2, c.p, c.op2, c.d2).output]);
    expect(cases.length).toBe(60);
    expect(ours).toEqual(torch);
    // Where the block takes the settings (output padding below the stride, not both stride and dilation), its shape is the same.
    const blockCases = cases.map((c, i) => ({ c, size: torch[i] as [number, number] }))
      .filter(({ c }) => c.op < c.s && c.op2 < c.s2 && (Math.max(c.s, c.s2) === 1 || Math.max(c.d, c.d2) === 1));
    expect(blockCases.length).toBeGreaterThanOrEqual(20);
    for (const { c, size } of blockCases) {
      const block = {
        kind: 'convtranspose2d' as const, id: 't', inputs: ['x'], filters: 1, kernel: [c.k, c.k2] as [number, number],
        stride: [c.s, c.s2] as [number, number], padding: c.p, outputPadding: [c.op, c.op2] as [number, number], dilation: [c.d, c.d2] as [number, number],
      };
      const shape = convTranspose2dModule.infer(block, [[c.h, c.w, 1]], { inputShape: [c.h, c.w, 1], numClasses: 2 }).shape;
      expect([c, shape]).toEqual([c, [...size, 1]]);
    }
  });
});
