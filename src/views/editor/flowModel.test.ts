import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../model/analyze';
import { tinyCnn } from '../../model/presets';
import type { ModelSpec } from '../../model/spec';
import { connect, removeBlocks } from '../../store/editOps';
import { MNIST_SHAPE } from '../../store/modelSlice';
import { deriveEdges, deriveNodes } from './flowModel';
import { fillLayout } from './layout';
import { defaultAfter } from './useEditorActions';

describe('deriveNodes / deriveEdges', () => {
  it('projects every block with its analysis, issues and selection, and one edge per input', () => {
    const spec = removeBlocks(tinyCnn(), ['act1']); // pool1 loses its input
    const analysis = analyzeModel(spec, MNIST_SHAPE);
    const nodes = deriveNodes({
      spec, analysis, layout: fillLayout(spec), selection: ['conv1'], refusal: null, costs: null, connectFrom: null,
    });
    expect(nodes.map((n) => n.id)).toEqual(spec.blocks.map((b) => b.id));
    const conv = nodes.find((n) => n.id === 'conv1')!;
    expect(conv.selected).toBe(true);
    expect(conv.data.info?.outputShape).toEqual([28, 28, 8]);
    expect(nodes.find((n) => n.id === 'pool1')!.data.issues.map((i) => i.code)).toContain('missingInput');
    const edges = deriveEdges(spec, analysis, new Set(['input->conv1']));
    expect(edges.map((e) => e.id)).toEqual(['input->conv1', 'pool1->flatten', 'flatten->output']);
    expect(edges[0]).toMatchObject({ selected: true, label: '28×28×1' });
  });
  it('shows a refusal on the target block only', () => {
    const spec = tinyCnn();
    const refusal = { from: 'flatten', to: 'conv1', code: 'cycle' as const, values: {} };
    const nodes = deriveNodes({
      spec, analysis: analyzeModel(spec, MNIST_SHAPE), layout: {}, selection: [], refusal, costs: null, connectFrom: 'flatten',
    });
    expect(nodes.filter((n) => n.data.refusal !== null).map((n) => n.id)).toEqual(['conv1']);
    expect(nodes.find((n) => n.id === 'flatten')!.data.connectSource).toBe(true);
  });
  it('skips edges from unknown blocks and duplicate ids', () => {
    const spec = connect(tinyCnn(), 'input', 'flatten');
    const bad = { blocks: [...spec.blocks, { id: 'x', kind: 'flatten', inputs: ['ghost'] }, spec.blocks[1]!] } as typeof spec;
    const analysis = analyzeModel(bad, MNIST_SHAPE);
    expect(deriveEdges(bad, analysis, new Set()).some((e) => e.source === 'ghost')).toBe(false);
    const nodes = deriveNodes({ spec: bad, analysis, layout: {}, selection: [], refusal: null, costs: null, connectFrom: null });
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
  });
});

describe('a garbage spec (from a link or a file)', () => {
  it('draws what it can and never throws', () => {
    const garbage = { blocks: [
      { id: 'input', kind: 'input', inputs: [] },
      { id: 'a', kind: 'conv2d', inputs: 'input' },
      { id: 42, kind: 'dense', inputs: [null, 'input'] },
      { id: 'b', kind: 'mystery', inputs: ['input', 7] },
    ] } as unknown as ModelSpec;
    const analysis = analyzeModel(garbage, MNIST_SHAPE);
    const layout = fillLayout(garbage);
    const nodes = deriveNodes({ spec: garbage, analysis, layout, selection: [], refusal: null, costs: null, connectFrom: null });
    expect(nodes.map((n) => n.id)).toEqual(['input', 'a', 'b']);
    expect(deriveEdges(garbage, analysis, new Set()).map((e) => e.id)).toEqual(['input->b']);
  });
});

describe('defaultAfter', () => {
  it('adds after the selection, else in front of the output, else after the input', () => {
    const spec = tinyCnn();
    expect(defaultAfter(spec, ['act1'])).toBe('act1');
    expect(defaultAfter(spec, [])).toBe('flatten');
    expect(defaultAfter(removeBlocks(spec, ['output']), [])).toBe('input');
  });
});
