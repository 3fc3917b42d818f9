// Python code the block kinds share in their exporters: sizes and padding as PyTorch and Keras write them,
// activation functions and initialisers. User-given text goes through pyString (a string literal); block
// ids reach Python as identifiers only through pythonBlockNames.
import type { AxisArithmetic } from '../../model/analysis';
import type { ActivationFn, InitName, Padding, Size2 } from '../../model/spec';
import { pyFloat, pyString } from '../../codegen/pythonNames';
import { DEFAULT_ALPHA } from './options';
import type { KerasLine } from '../types';

export { pyFloat, pyString };

export const pair = (s: Size2): [number, number] => (typeof s === 'number' ? [s, s] : [s[0], s[1]]);
/** PyTorch's size argument: one number when both axes agree. */
export const torchTuple = ([a, b]: readonly [number, number]) => (a === b ? String(a) : `(${a}, ${b})`);
/** Keras's size argument: always a pair. */
export const kerasTuple = (s: Size2) => `(${pair(s).join(', ')})`;

/** Padding of a conv / pool block as [top, bottom, left, right], from the core's arithmetic. */
export function pads(arithmetic: readonly AxisArithmetic[]): [number, number, number, number] {
  const h = arithmetic.find((a) => a.axis === 'height');
  const w = arithmetic.find((a) => a.axis === 'width');
  return [h?.padBefore ?? 0, h?.padAfter ?? 0, w?.padBefore ?? 0, w?.padAfter ?? 0];
}

export const symmetric = ([t, b, l, r]: readonly number[]) => t === b && l === r;

export const roundFloat = (v: number) => Number(v.toPrecision(12));

/** A fused activation in forward(). */
export function torchActivationCall(fn: ActivationFn | undefined, alpha: number | undefined, x: string): string {
  switch (fn ?? 'linear') {
    case 'relu': return `F.relu(${x})`;
    case 'leakyRelu': return `F.leaky_relu(${x}, ${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)})`;
    case 'elu': return `F.elu(${x}, ${pyFloat(alpha ?? DEFAULT_ALPHA.elu)})`;
    case 'sigmoid': return `torch.sigmoid(${x})`;
    case 'tanh': return `torch.tanh(${x})`;
    default: return x;
  }
}

export function torchActivationModule(fn: ActivationFn, alpha: number | undefined): string {
  switch (fn) {
    case 'relu': return 'nn.ReLU()';
    case 'leakyRelu': return `nn.LeakyReLU(${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)})`;
    case 'elu': return `nn.ELU(${pyFloat(alpha ?? DEFAULT_ALPHA.elu)})`;
    case 'sigmoid': return 'nn.Sigmoid()';
    case 'tanh': return 'nn.Tanh()';
    case 'linear': return 'nn.Identity()';
  }
}

/** A module of its own and its call: what most kinds with a PyTorch module write. */
export const torchModule = (name: string, x: string, ctor: string) =>
  ({ modules: [`self.${name} = ${ctor}`], forward: [`${name} = self.${name}(${x})`] });

const KERAS_INIT: Record<InitName, string> = {
  glorotUniform: '"glorot_uniform"', glorotNormal: '"glorot_normal"', heNormal: '"he_normal"', heUniform: '"he_uniform"',
  lecunNormal: '"lecun_normal"', zeros: '"zeros"', largeNormal: 'keras.initializers.RandomNormal(stddev=1.0)',
};

export const kerasInit = (i: InitName | undefined) => `kernel_initializer=${KERAS_INIT[i ?? 'glorotUniform']}`;

const KERAS_ACTIVATION: Record<Exclude<ActivationFn, 'leakyRelu'>, string> = {
  relu: 'relu', elu: 'elu', sigmoid: 'sigmoid', tanh: 'tanh', linear: 'linear',
};

/** A Keras layer name for a helper layer of a block: Keras forbids '/' in names. */
export const kerasLayerName = (tfjsName: string): string => tfjsName.replace(/\//g, '_');

export function kerasActivationLayer(fn: ActivationFn, alpha: number | undefined, name: string): string {
  if (fn === 'leakyRelu') return `layers.LeakyReLU(alpha=${pyFloat(alpha ?? DEFAULT_ALPHA.leakyRelu)}, name=${pyString(name)})`;
  if (fn === 'elu' && alpha !== undefined && alpha !== 1) return `layers.ELU(alpha=${pyFloat(alpha)}, name=${pyString(name)})`;
  if (fn === 'elu') return `layers.ELU(name=${pyString(name)})`;
  return `layers.Activation(${pyString(KERAS_ACTIVATION[fn])}, name=${pyString(name)})`;
}

/** The activation Keras fuses into Conv2D / Dense; leaky ReLU becomes a layer of its own (kerasLeaky). */
export const kerasFused = (fn: ActivationFn | undefined) => (fn === undefined || fn === 'leakyRelu' ? 'linear' : KERAS_ACTIVATION[fn]);
export const kerasPadding = (p: Padding) => (p === 'same' ? '"same"' : '"valid"');

/** As the app builds it: an explicit padding P is a ZeroPadding2D layer before a 'valid' window. */
export function kerasPad(id: string, v: string, padding: Padding, input: string): { lines: KerasLine[]; input: string } {
  if (typeof padding !== 'number' || padding === 0) return { lines: [], input };
  const layer = `layers.ZeroPadding2D(${padding}, name=${pyString(kerasLayerName(`${id}/pad`))})`;
  return { lines: [{ variable: `${v}_pad`, layer, input }], input: `${v}_pad` };
}

/** A fused leaky ReLU: the main layer's output becomes `<v>_linear`, then a LeakyReLU layer gives `v`. */
export function kerasLeaky(id: string, v: string, fn: ActivationFn | undefined, lines: readonly KerasLine[]): KerasLine[] {
  if (fn !== 'leakyRelu') return [...lines];
  const last = lines[lines.length - 1] as KerasLine;
  return [
    ...lines.slice(0, -1), { ...last, variable: `${v}_linear` },
    { variable: v, layer: kerasActivationLayer('leakyRelu', undefined, kerasLayerName(`${id}/act`)), input: `${v}_linear` },
  ];
}

/** A single Keras layer named after the block. */
export const kerasLayer = (v: string, ctor: string, input: string): KerasLine[] => [{ variable: v, layer: ctor, input }];
