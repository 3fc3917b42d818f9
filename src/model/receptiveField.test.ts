import { describe, expect, it } from 'vitest';
import type { AxisArithmetic, BlockAnalysis, ModelAnalysis } from './analysis';
import { axisArithmetic } from './arithmetic';
import type { BlockKind, ModelSpec, Padding, Shape } from './spec';
import { receptiveField, windowBack } from './receptiveField';

type Draft = { id: string; kind: BlockKind; inputs: string[]; shape: Shape; window?: [number, number, Padding, number?] };

/** A spec and analysis built by hand, so these tests depend only on the window arithmetic. */
function network(drafts: Draft[]): { spec: ModelSpec; analysis: ModelAnalysis } {
  const shapes = new Map(drafts.map((d) => [d.id, d.shape]));
  const blocks: BlockAnalysis[] = drafts.map((d) => {
    const input = shapes.get(d.inputs[0] ?? '') ?? d.shape;
    const arithmetic: AxisArithmetic[] = d.window
      ? (['height', 'width'] as const).map((axis, i) =>
        axisArithmetic(axis, input[i] as number, d.window![0], d.window![1], d.window![2], d.window![3] ?? 1))
      : [];
    return {
      id: d.id, kind: d.kind, outputShape: d.shape, params: { trainable: 0, nonTrainable: 0 }, arithmetic,
      shapeFormula: null, paramsFormula: null,
    };
  });
  const spec = { blocks: drafts.map((d) => ({ id: d.id, kind: d.kind, inputs: d.inputs })) } as unknown as ModelSpec;
  const analysis: ModelAnalysis = { blocks, issues: [], totals: { trainable: 0, nonTrainable: 0 }, valid: true, outputShape: null };
  return { spec, analysis };
}

const lenet = network([
  { id: 'input', kind: 'input', inputs: [], shape: [28, 28, 1] },
  { id: 'conv1', kind: 'conv2d', inputs: ['input'], shape: [28, 28, 6], window: [5, 1, 2] },
  { id: 'act1', kind: 'activation', inputs: ['conv1'], shape: [28, 28, 6] },
  { id: 'pool1', kind: 'maxpool2d', inputs: ['act1'], shape: [14, 14, 6], window: [2, 2, 'valid'] },
  { id: 'conv2', kind: 'conv2d', inputs: ['pool1'], shape: [10, 10, 16], window: [5, 1, 'valid'] },
  { id: 'pool2', kind: 'maxpool2d', inputs: ['conv2'], shape: [5, 5, 16], window: [2, 2, 'valid'] },
  { id: 'flatten', kind: 'flatten', inputs: ['pool2'], shape: [400] },
]);

describe('windowBack', () => {
  it('maps an output interval to the input cells its windows read', () => {
    expect(windowBack({ lo: 0, hi: 0 }, 1, 2, 5)).toEqual({ lo: -2, hi: 2 });
    expect(windowBack({ lo: 1, hi: 3 }, 2, 0, 2)).toEqual({ lo: 2, hi: 7 });
  });
});

describe('receptiveField', () => {
  it('is the window itself for the first convolution, clipped at the border', () => {
    const rf = receptiveField(lenet.spec, lenet.analysis, 'conv1', 0, 10);
    expect(rf).toMatchObject({ rows: { lo: -2, hi: 2 }, cols: { lo: 8, hi: 12 }, clippedRows: { lo: 0, hi: 2 } });
    expect(rf?.imageSize).toEqual([28, 28]);
  });

  it('grows through pooling and the second convolution (LeNet-5: 16 pixels for pool2)', () => {
    const rf = receptiveField(lenet.spec, lenet.analysis, 'pool2', 0, 4);
    expect(rf?.rows).toEqual({ lo: -2, hi: 13 });
    expect(rf?.cols).toEqual({ lo: 14, hi: 29 });
    expect(rf?.clippedCols).toEqual({ lo: 14, hi: 27 });
  });

  it('takes the union over the branches of a residual add', () => {
    const res = network([
      { id: 'input', kind: 'input', inputs: [], shape: [8, 8, 1] },
      { id: 'a', kind: 'conv2d', inputs: ['input'], shape: [8, 8, 4], window: [3, 1, 'same'] },
      { id: 'b', kind: 'conv2d', inputs: ['a'], shape: [8, 8, 4], window: [3, 1, 'same'] },
      { id: 'sum', kind: 'add', inputs: ['a', 'b'], shape: [8, 8, 4] },
    ]);
    expect(receptiveField(res.spec, res.analysis, 'sum', 4, 4)).toMatchObject({ rows: { lo: 2, hi: 6 }, cols: { lo: 2, hi: 6 } });
    expect(receptiveField(res.spec, res.analysis, 'a', 4, 4)).toMatchObject({ rows: { lo: 3, hi: 5 } });
  });

  it('follows a dilated kernel', () => {
    const dil = network([
      { id: 'input', kind: 'input', inputs: [], shape: [9, 9, 1] },
      { id: 'c', kind: 'conv2d', inputs: ['input'], shape: [5, 5, 1], window: [3, 1, 'valid', 2] },
    ]);
    expect(receptiveField(dil.spec, dil.analysis, 'c', 1, 2)?.rows).toEqual({ lo: 1, hi: 5 });
  });

  it('cannot trace through a block without a spatial layout', () => {
    expect(receptiveField(lenet.spec, lenet.analysis, 'flatten', 0, 0)).toBeNull();
    expect(receptiveField(lenet.spec, lenet.analysis, 'missing', 0, 0)).toBeNull();
  });
});
