// What several kinds share on the pure side: activation functions, initialisers, the fields and checks of
// the options conv, dense and the output head have, and the result helpers of the shape rules.
import type { ModelIssue } from '../../model/analysis';
import { formatShape, isPositiveInt, makeIssue } from '../../model/issues';
import { failed, invalid } from '../../model/windows';
import type { ActivationFn, InitName, Shape } from '../../model/spec';
import type { BlockResult, FieldDescriptor } from '../types';

export const ACTIVATION_FNS: readonly ActivationFn[] = ['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'linear'];
export const INIT_NAMES: readonly InitName[] = [
  'glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'zeros', 'largeNormal',
];

/** Alpha when a block leaves it out: leaky ReLU's slope 0.01 (Keras would use 0.3), ELU's 1. */
export const DEFAULT_ALPHA: Readonly<Record<'leakyRelu' | 'elu', number>> = { leakyRelu: 0.01, elu: 1 };

export const activationField = (name: string, fallback: string): FieldDescriptor =>
  ({ name, type: 'enum', options: ACTIVATION_FNS, optionLabels: 'activation', default: fallback });
export const initField: FieldDescriptor = { name: 'init', type: 'enum', options: INIT_NAMES, default: 'glorotUniform' };
export const useBiasField: FieldDescriptor = { name: 'useBias', type: 'bool', default: true };
export const paddingField = (fallback: string): FieldDescriptor => ({ name: 'padding', type: 'padding', min: 0, max: 10, default: fallback });
export const windowField = (name: string, max: number, fallback: number): FieldDescriptor =>
  ({ name, type: 'size2', min: 1, max, default: fallback });

export const ok = (shape: Shape, more: Partial<BlockResult> = {}): BlockResult => ({
  shape, params: { trainable: 0, nonTrainable: 0 }, arithmetic: [], issues: [], shapeFormula: null, paramsFormula: null,
  ...more,
});

export function checkActivation(blockId: string, field: string, fn: unknown, alpha: unknown): BlockResult | null {
  if (!ACTIVATION_FNS.includes(fn as ActivationFn)) return failed([invalid(blockId, field, fn)]);
  const finite = typeof alpha === 'number' && Number.isFinite(alpha) && alpha >= 0;
  if (alpha !== undefined && !finite) return failed([invalid(blockId, 'alpha', alpha)]);
  return null;
}

/** The options conv, dense and softmax share: a fused activation, a bias switch and an initialiser. */
export function withOptions(
  blockId: string, block: { readonly activation?: unknown; readonly useBias?: unknown; readonly init?: unknown }, result: BlockResult,
): BlockResult {
  const issues: ModelIssue[] = [];
  if (block.activation !== undefined) {
    const bad = checkActivation(blockId, 'activation', block.activation, undefined);
    if (bad !== null) issues.push(...bad.issues);
  }
  if (block.useBias !== undefined && typeof block.useBias !== 'boolean') issues.push(invalid(blockId, 'useBias', block.useBias));
  if (block.init !== undefined && !INIT_NAMES.includes(block.init as InitName)) issues.push(invalid(blockId, 'init', block.init));
  return issues.length === 0 ? result : failed([...result.issues, ...issues], result.arithmetic);
}

/** A fully connected layer's shape and parameters (dense, and the output head with one unit per class). */
export function inferDense(blockId: string, input: Shape, units: unknown, field: string, bias: boolean): BlockResult {
  if (!isPositiveInt(units)) return failed([invalid(blockId, field, units)]);
  if (input.length !== 1) {
    return failed([makeIssue('denseNeedsFlatten', blockId, { shape: formatShape(input) })]);
  }
  const inputs = input[0] as number;
  const total = inputs * units + (bias ? units : 0);
  return ok([units], {
    params: { trainable: total, nonTrainable: 0 },
    paramsFormula: `${inputs}*${units}${bias ? ` + ${units}` : ''} = ${total}`,
  });
}
