// The dense-prediction blocks' pure side on hand-worked cases: the transposed convolution's output size
// with its formula (PyTorch's padding and output padding, TensorFlow's 'same'), its parameters, MACs,
// receptive field and refusals; upsampling (and the bilinear weights PyTorch's align_corners=False gives);
// a crop that makes a U-Net skip fit its concat.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { measureModel } from '../model/cost';
import type { DataShape, ModelSpec } from '../model/spec';
import { interpolationMatrix } from './common/interpolation';
import { TRANSPOSE_FIELD } from './common/receptive';
import { overlapCounts, overlapGrid, transposePlan } from './common/transpose';
import { convTranspose2dModule, type ConvTranspose2DBlock } from './convTranspose2d';
import { crop2dModule } from './crop2d';
import { upsample2dModule } from './upsample2d';

const DATA: DataShape = { inputShape: [4, 4, 2], numClasses: 3 };
const convT = (more: Partial<ConvTranspose2DBlock>): ConvTranspose2DBlock =>
  ({ kind: 'convtranspose2d', id: 't', inputs: ['x'], filters: 5, kernel: 3, stride: 2, padding: 1, ...more });
const infer = (block: ConvTranspose2DBlock, input: number[] = [4, 4, 2]) => convTranspose2dModule.infer(block, [input], DATA);
const codes = (block: ConvTranspose2DBlock, input?: number[]) => infer(block, input).issues.map((i) => [i.code, i.values.field ?? '']);

describe('transposed convolution', () => {
  it('grows 4×4 to 8×8 with PyTorch padding 1 and output padding 1, showing the arithmetic', () => {
    const r = infer(convT({ outputPadding: 1 }));
    expect(r.shape).toEqual([8, 8, 5]);
    expect(r.arithmetic[0]?.formula).toBe('(4 - 1)*2 - 2*1 + (3 - 1) + 1 + 1 = 8');
    expect(r.paramsFormula).toBe('3*3*2*5 + 5 = 95');
    expect(convTranspose2dModule.macs!(convT({ outputPadding: 1 }), [4, 4, 2], [8, 8, 5])).toBe(4 * 4 * 2 * 9 * 5);
    expect(convTranspose2dModule.describe(convT({ outputPadding: 1 }))).toBe('5 @ 3×3, s2, p1, op1');
  });

  it("gives input × stride with 'same', cropping the odd row after (TensorFlow's split)", () => {
    const r = infer(convT({ padding: 'same', kernel: [4, 3], stride: [2, 3] }), [5, 3, 1]);
    expect(r.shape).toEqual([10, 9, 5]);
    // Height: full (5-1)*2+4 = 12, crop 2 = 1 before + 1 after. Width: full (3-1)*3+3 = 9, nothing cropped.
    expect(r.arithmetic.map((a) => [a.padBefore, a.padAfter, a.formula])).toEqual([[1, 1, '5 * 2 = 10'], [0, 0, '3 * 3 = 9']]);
    const odd = infer(convT({ padding: 'same', kernel: 3, stride: 2 }), [5, 5, 1]);
    expect(odd.arithmetic[0]).toMatchObject({ padBefore: 0, padAfter: 1, output: 10 });
  });

  it('shows a dilated kernel and per-axis settings in the formula', () => {
    const r = infer(convT({ stride: 1, dilation: [2, 1], kernel: [3, 2], padding: 'valid' }), [4, 6, 1]);
    expect(r.shape).toEqual([8, 7, 5]);
    expect(r.arithmetic.map((a) => a.formula)).toEqual(['(4 - 1)*1 + 2*(3 - 1) + 1 = 8', '(6 - 1)*1 + (2 - 1) + 1 = 7']);
  });

  it('refuses output padding of the stride or more, output padding with same, stride with dilation, and a crop of everything', () => {
    expect(codes(convT({ outputPadding: [0, 2] }))).toEqual([['invalidValue', 'outputPadding']]);
    expect(codes(convT({ padding: 'same', outputPadding: 1 }))).toEqual([['invalidValue', 'outputPadding']]);
    expect(codes(convT({ dilation: 2 }))).toEqual([['strideWithDilation', '']]);
    expect(codes(convT({ padding: 4, kernel: 2 }), [2, 2, 1])).toEqual([['invalidValue', 'padding']]);
    expect(codes(convT({}), [16])).toEqual([['needsSpatialInput', '']]);
    expect(codes(convT({ outputPadding: -1 as never }))).toEqual([['invalidValue', 'outputPadding']]);
  });

  it('traces an output row back to the input rows whose patches reach it', () => {
    const [h] = infer(convT({ outputPadding: 1 })).arithmetic;
    // Output row 3 is full row 4 = input 2's first tap (2*2) and input 1's last (1*2 + 2).
    expect(TRANSPOSE_FIELD.back({ rows: { lo: 3, hi: 3 }, cols: { lo: 0, hi: 0 } }, [h!, { ...h!, axis: 'width' }])?.rows).toEqual({ lo: 1, hi: 2 });
  });
});

describe('upsampling and crop', () => {
  it('upsamples by a whole factor per axis', () => {
    const r = upsample2dModule.infer({ kind: 'upsample2d', id: 'u', inputs: ['x'], scale: [2, 3] }, [[3, 4, 2]], DATA);
    expect(r.shape).toEqual([6, 12, 2]);
    expect(r.arithmetic.map((a) => a.formula)).toEqual(['3 * 2 = 6', '4 * 3 = 12']);
    expect(r.params.trainable).toBe(0);
  });

  it('blends as PyTorch bilinear with align_corners=False: half-pixel centres, clamped at the edges', () => {
    expect(Array.from(interpolationMatrix(2, 2, 'bilinear'))).toEqual([1, 0, 0.75, 0.25, 0.25, 0.75, 0, 1]);
    expect(Array.from(interpolationMatrix(2, 3, 'nearest'))).toEqual([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
  });

  it('crops by explicit pixels, and refuses a crop that leaves nothing', () => {
    const crop = { kind: 'crop2d' as const, id: 'c', inputs: ['x'], top: 1, bottom: 0, left: 2, right: 1 };
    expect(crop2dModule.infer(crop, [[7, 6, 3]], DATA).shape).toEqual([6, 3, 3]);
    expect(crop2dModule.infer({ ...crop, right: 4 }, [[7, 6, 3]], DATA).issues.map((i) => i.values.field)).toEqual(['right']);
  });

  it('makes a U-Net skip fit: 7×7 halves to 4×4 and doubles to 8×8, and a crop brings it back to 7×7', () => {
    const unet = (skip: 'up' | 'crop'): ModelSpec => ({
      blocks: [
        { kind: 'input', id: 'input', inputs: [] },
        { kind: 'conv2d', id: 'down', inputs: ['input'], filters: 4, kernel: 3, stride: 2, padding: 'same' },
        { kind: 'convtranspose2d', id: 'up', inputs: ['down'], filters: 4, kernel: 2, stride: 2, padding: 'valid' },
        { kind: 'crop2d', id: 'crop', inputs: ['up'], top: 0, bottom: 1, left: 0, right: 1 },
        { kind: 'concat', id: 'cat', inputs: [skip, 'input'] },
        { kind: 'conv2d', id: 'head', inputs: ['cat'], filters: 2, kernel: 1, stride: 1, padding: 'valid' },
        { kind: 'flatten', id: 'flat', inputs: ['head'] },
        { kind: 'softmax', id: 'output', inputs: ['flat'] },
      ].filter((b) => skip === 'crop' || b.id !== 'crop') as ModelSpec['blocks'],
    });
    const data: DataShape = { inputShape: [7, 7, 1], numClasses: 2 };
    expect(analyzeModel(unet('up'), data).issues.map((i) => i.code)).toContain('concatMismatch');
    const fixed = analyzeModel(unet('crop'), data);
    expect(fixed.valid).toBe(true);
    expect(fixed.blocks.find((b) => b.id === 'cat')?.outputShape).toEqual([7, 7, 5]);
    // Down by 2 and up by 2: neighbouring outputs are one input pixel apart again.
    const cost = measureModel(unet('crop'), fixed, data);
    expect(cost.blocks.find((b) => b.id === 'up')?.receptiveField?.jump).toEqual([1, 1]);
  });
});

describe("the transposed convolution's checkerboard", () => {
  it('counts the patches that land on each output pixel, worked by hand', () => {
    expect(overlapCounts(3, 3, 2)).toEqual([1, 1, 2, 1, 2, 1, 1]);
    expect(overlapCounts(3, 4, 2)).toEqual([1, 1, 2, 2, 2, 2, 1, 1]); // a kernel the stride divides: even inside
    expect(overlapCounts(2, 2, 1, 3)).toEqual([1, 1, 0, 1, 1]);
    const cropped = { ...transposePlan(3, 3, 2, 1, 0, 1), counts: overlapCounts(3, 3, 2) };
    // Padding 1 crops one row off each end: 1 2 1 2 1 per axis, multiplied.
    expect(overlapGrid(cropped, cropped)[1]).toEqual([2, 4, 2, 4, 2]);
    // No padding, output padding 1: the row after the full output gets no patch, only the bias.
    const grown = { ...transposePlan(3, 3, 2, 0, 1, 1), counts: overlapCounts(3, 3, 2) };
    expect(overlapGrid(grown, grown).map((r) => r[0])).toEqual([1, 1, 2, 1, 2, 1, 1, 0]);
  });
});
