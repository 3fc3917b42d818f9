// Token sequences in the model core: a shape [N, D] beside images and vectors, with the arithmetic, the
// parameters and the multiply-adds of the transformer kinds on the student's own numbers (ViT-tiny on
// MNIST), the summary's shapes, and the mistakes the core explains.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { measureModel } from './cost';
import { vitTiny } from './presetVit';
import { shapeKind, type DataShape, type ModelSpec } from './spec';
import { formatSummary } from './summary';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

const byId = (spec: ModelSpec, data: DataShape) => new Map(analyzeModel(spec, data).blocks.map((b) => [b.id, b]));

describe('token sequences', () => {
  it('tells images, tokens and vectors apart by rank', () => {
    expect([shapeKind([28, 28, 1]), shapeKind([49, 64]), shapeKind([64])]).toEqual(['image', 'tokens', 'vector']);
  });

  it('cuts a 28×28 image into 7·7 = 49 tokens of 64, shows that arithmetic, and counts ViT-tiny', () => {
    const spec = vitTiny();
    const analysis = analyzeModel(spec, MNIST);
    expect(analysis.issues).toEqual([]);
    const blocks = byId(spec, MNIST);
    const patch = blocks.get('patch1')!;
    expect(patch.outputShape).toEqual([49, 64]);
    expect(patch.shapeFormula).toBe('(28/4)·(28/4) = 7·7 = 49; 49 × 64');
    expect(blocks.get('attn1')?.shapeFormula).toBe('64 / 4 = 16; 4×50×50');
    expect(patch.paramsFormula).toBe('4*4*1*64 + 64 = 1088');
    expect(patch.arithmetic.map((a) => a.formula)).toEqual(['floor((28 - 4) / 4) + 1 = 7', 'floor((28 - 4) / 4) + 1 = 7']);
    expect(blocks.get('cls1')?.outputShape).toEqual([50, 64]);
    expect(blocks.get('pos1')?.params.trainable).toBe(50 * 64);
    expect(blocks.get('attn1')?.params.trainable).toBe(4 * (64 * 64 + 64));
    expect(blocks.get('mlp1')?.params.trainable).toBe(64 * 128 + 128 + 128 * 64 + 64);
    expect(blocks.get('head1')?.outputShape).toEqual([64]);
    // 1088 + 64 + 3200 + 4 layers * (2*128 + 16640 + 16576) + 128 + 650
    expect(analysis.totals).toEqual({ trainable: 1088 + 64 + 3200 + 4 * (256 + 16640 + 16576) + 128 + 650, nonTrainable: 0 });
  });

  it('counts attention multiply-adds with the term quadratic in the number of tokens', () => {
    const spec = vitTiny();
    const cost = measureModel(spec, analyzeModel(spec, MNIST), MNIST);
    const attn = cost.blocks.find((b) => b.id === 'attn1')!;
    expect(attn.macs).toBe(4 * 50 * 64 * 64 + 2 * 50 * 50 * 64);
    // Patches of 2 give 4 times the tokens: the projections grow 4 times, the scores 16 times.
    const small = vitTiny({ patch: 2, width: 64, heads: 4, layers: 1, hidden: 128 });
    const smallAttn = measureModel(small, analyzeModel(small, MNIST), MNIST).blocks.find((b) => b.id === 'attn1')!;
    expect(smallAttn.macs).toBe(4 * 197 * 64 * 64 + 2 * 197 * 197 * 64);
    // After attention every token has seen the whole image.
    expect(attn.receptiveField?.wholeInput).toBe(true);
    expect(cost.blocks.find((b) => b.id === 'patch1')?.receptiveField?.size).toEqual([4, 4]);
  });

  it('shows token shapes in the summary as Keras would', () => {
    const spec = vitTiny();
    const text = formatSummary(spec, analyzeModel(spec, MNIST));
    expect(text).toMatch(/patch1 \(Conv2D\+Reshape\)\s+\(None, 49, 64\)\s+1,088/);
    expect(text).toMatch(/attn1 \(MultiHeadAttention\)\s+\(None, 50, 64\)\s+16,640/);
  });

  it('explains tokens where an image or a vector belongs, and heads that do not divide the width', () => {
    const codes = (spec: ModelSpec) => analyzeModel(spec, MNIST).issues.map((i) => [i.code, i.blockId]);
    const base = vitTiny({ patch: 7, width: 30, heads: 4, layers: 1, hidden: 8 }).blocks;
    expect(codes({ blocks: base })).toContainEqual(['headsDoNotDivide', 'attn1']);
    const onImage: ModelSpec = { blocks: [
      { kind: 'input', id: 'in', inputs: [] }, { kind: 'attention', id: 'a', inputs: ['in'], heads: 1 },
      { kind: 'flatten', id: 'f', inputs: ['a'] }, { kind: 'softmax', id: 'out', inputs: ['f'] },
    ] };
    expect(codes(onImage)).toEqual([['needsTokens', 'a']]);
    const bnOnTokens: ModelSpec = { blocks: [
      { kind: 'input', id: 'in', inputs: [] }, { kind: 'patchembed', id: 'p', inputs: ['in'], patch: 7, width: 8 },
      { kind: 'batchnorm', id: 'bn', inputs: ['p'] }, { kind: 'flatten', id: 'f', inputs: ['bn'] }, { kind: 'softmax', id: 'out', inputs: ['f'] },
    ] };
    expect(codes(bnOnTokens)).toEqual([['noTokens', 'bn']]);
    const uneven = analyzeModel({ blocks: [
      { kind: 'input', id: 'in', inputs: [] }, { kind: 'patchembed', id: 'p', inputs: ['in'], patch: 5, width: 8 },
      { kind: 'flatten', id: 'f', inputs: ['p'] }, { kind: 'softmax', id: 'out', inputs: ['f'] },
    ] }, MNIST);
    expect(uneven.valid).toBe(true);
    expect(uneven.issues.map((i) => [i.code, i.severity, i.values.dropped])).toEqual([['strideDoesNotFit', 'warning', 3], ['strideDoesNotFit', 'warning', 3]]);
  });
});
