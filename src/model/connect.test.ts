// canConnect: the editor's connection rules, each refusal with its reason, and the i18n keys behind them.
import { describe, expect, it } from 'vitest';
import { canConnect, CONNECT_CODES, CONNECT_ISSUE_CODES, connectMessageKey } from './connect';
import { add, chain, concat, conv2d, dense, flatten, input, maxPool2d, network, softmax } from './presets';
import type { DataShape, ModelSpec } from './spec';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };

/** A half-built graph: a chain plus loose blocks the student is wiring up. */
const spec: ModelSpec = {
  blocks: [
    ...chain(input(), conv2d(4, 3), maxPool2d(2), flatten(), softmax()).blocks,
    { id: 'sum', kind: 'add', inputs: ['conv1'] },
    { id: 'cat', kind: 'concat', inputs: ['conv1'] },
    { id: 'd', kind: 'dense', units: 5, inputs: [] },
    { id: 'c', kind: 'conv2d', filters: 2, kernel: 3, stride: 1, padding: 'valid', inputs: [] },
    { id: 'big', kind: 'conv2d', filters: 2, kernel: 9, stride: 1, padding: 'valid', inputs: [] },
  ],
};

describe('canConnect', () => {
  it.each([
    ['input', 'd', 'denseNeedsFlatten', { shape: '28×28×1' }],
    ['flatten', 'c', 'needsSpatialInput', { shape: '676' }],
    ['pool1', 'sum', 'addShapeMismatch', { shapes: '26×26×4, 13×13×4' }],
    ['pool1', 'cat', 'concatMismatch', { shapes: '26×26×4, 13×13×4' }],
    ['c', 'conv1', 'targetFull', {}],
    ['conv1', 'input', 'intoInput', {}],
    ['output', 'd', 'fromOutput', {}],
    ['pool1', 'pool1', 'sameBlock', {}],
    ['conv1', 'sum', 'alreadyConnected', {}],
    ['ghost', 'd', 'unknownBlock', { id: 'ghost' }],
    ['d', 'ghost', 'unknownBlock', { id: 'ghost' }],
  ] as const)('%s -> %s is refused: %s', (from, to, code, values) => {
    expect(canConnect(spec, MNIST, from, to)).toEqual({ ok: false, code, values });
  });

  it('refuses an image too small for the kernel, naming the window', () => {
    const small: DataShape = { inputShape: [6, 6, 1], numClasses: 10 };
    expect(canConnect(spec, small, 'input', 'big')).toMatchObject({ ok: false, code: 'kernelTooLarge', values: { kernel: '9×9' } });
  });

  it.each([
    ['conv1', 'sum'], ['input', 'c'], ['flatten', 'd'], ['conv1', 'c'],
  ])('allows %s -> %s', (from, to) => {
    const fresh = { blocks: spec.blocks.map((b) => (b.id === 'sum' ? { ...b, inputs: [] } : b)) };
    expect(canConnect(fresh, MNIST, from, to)).toEqual({ ok: true });
  });

  it('allows a residual add of equal shapes and refuses the loop back', () => {
    const residual = network((n) => {
      const x = n.seq(null, input(), conv2d(4, 3, { padding: 'same', id: 'a' }));
      n.seq(x, conv2d(4, 3, { padding: 'same', id: 'b' }), { ...add(), id: 'sum' }, flatten(), softmax());
    });
    expect(canConnect(residual, MNIST, 'a', 'sum')).toEqual({ ok: true });
    expect(canConnect(residual, MNIST, 'sum', 'a')).toMatchObject({ ok: false, code: 'targetFull' });
    const open = { blocks: residual.blocks.map((b) => (b.id === 'a' ? { ...b, inputs: [] } : b)) };
    expect(canConnect(open, MNIST, 'sum', 'a')).toMatchObject({ ok: false, code: 'cycle' });
  });

  it('concat of images of the same height and width is allowed', () => {
    const net = network((n) => {
      const x = n.seq(null, input());
      const a = n.seq(x, conv2d(3, 3, { padding: 'same' }));
      const b = n.seq(x, conv2d(5, 1));
      n.seq(n.node({ ...concat(), id: 'cat' }, a), flatten(), dense(3), softmax());
      void b;
    });
    expect(canConnect(net, MNIST, 'conv2', 'cat')).toEqual({ ok: true });
  });

  it('names the i18n key of each refusal', () => {
    expect(connectMessageKey('cycle')).toBe('connect.cycle');
    expect(connectMessageKey('addShapeMismatch')).toBe('issue.addShapeMismatch');
    expect(CONNECT_CODES).toContain('targetFull');
    expect(CONNECT_ISSUE_CODES).toContain('denseNeedsFlatten');
  });
});
