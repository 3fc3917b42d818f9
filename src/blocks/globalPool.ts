// Global average / max pooling: H x W x C -> C, one value per channel over the whole map. No parameters.
import { formatShape, makeIssue } from '../model/issues';
import { failed } from '../model/windows';
import { ok } from './common/options';
import { kerasLayer, pyString } from './common/python';
import { WHOLE_FIELD } from './common/receptive';
import { plain } from './common/schema';
import type { BlockBase, BlockModule } from './types';
import { intAttr, intsAttr } from '../codegen/onnx/graph';

export interface GlobalPoolBlock extends BlockBase {
  readonly kind: 'globalavgpool' | 'globalmaxpool';
}

export type GlobalAvgPoolBlock = GlobalPoolBlock & { readonly kind: 'globalavgpool' };
export type GlobalMaxPoolBlock = GlobalPoolBlock & { readonly kind: 'globalmaxpool' };

function globalPoolModule<B extends GlobalPoolBlock>(
  kind: B['kind'], idPrefix: string, kerasClass: string, reduce: 'mean' | 'amax',
): BlockModule<B> {
  return {
    kind,
    schema: plain(kind),
    fields: [],
    arity: 'one',
    flat: true,
    idPrefix,
    kerasClass,
    infer(block, [input = []]) {
      if (input.length !== 3) return failed([makeIssue('needsSpatialInput', block.id, { shape: formatShape(input) })]);
      const channels = input[2] as number;
      return ok([channels], { shapeFormula: `${formatShape(input)} → ${channels}` });
    },
    receptive: WHOLE_FIELD,
    describe: () => '',
    pytorch: { emit: ({ name, xs }) => ({ modules: [], forward: [`${name} = ${xs[0] as string}.${reduce}(dim=(2, 3))`] }) },
    keras: { lines: ({ block, name, xs }) => kerasLayer(name, `layers.${kerasClass}(name=${pyString(block.id)})`, xs[0] as string) },
    onnx: (c) => c.graph.node(reduce === 'mean' ? 'ReduceMean' : 'ReduceMax', [c.inputs[0] as string], [intsAttr('axes', [2, 3]), intAttr('keepdims', 0)], c.out),
  };
}

export const globalAvgPoolModule = globalPoolModule<GlobalAvgPoolBlock>('globalavgpool', 'gap', 'GlobalAveragePooling2D', 'mean');
export const globalMaxPoolModule = globalPoolModule<GlobalMaxPoolBlock>('globalmaxpool', 'gmp', 'GlobalMaxPooling2D', 'amax');
