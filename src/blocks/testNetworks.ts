// For the table tests over the registry: one small network per registered kind, its block at the fields'
// defaults, placed where it fits (on the image, on a flat vector, or merging two branches). A new kind is
// tested by being registered: nothing here names it.
import { analyzeModel } from '../model/analyze';
import { defaultBlock } from '../model/blockFields';
import type { BlockSpec, DataShape, ModelSpec } from '../model/spec';
import { BLOCK_MODULES, type RegisteredKind } from './registry';

export const TABLE_DATA: DataShape = { inputShape: [6, 6, 2], numClasses: 3 };

/** The id of the block under test in every table network. */
export const UNDER_TEST = 'tested';

const block = (spec: object): BlockSpec => spec as BlockSpec;
const input = block({ kind: 'input', id: 'input', inputs: [] });

function placements(kind: RegisteredKind): ModelSpec[] {
  const module = BLOCK_MODULES.find((m) => m.kind === kind);
  const tested = (inputs: readonly string[]) => defaultBlock(kind, UNDER_TEST, inputs);
  const flatten = (id: string, from: string) => block({ kind: 'flatten', id, inputs: [from] });
  const softmax = (from: string) => block({ kind: 'softmax', id: 'output', inputs: [from] });
  if (module?.role === 'input') return [{ blocks: [tested([]), flatten('flat', UNDER_TEST), softmax('flat')] }];
  // A head with one score per image reads a flat vector; one with a score per pixel reads the image.
  if (module?.role === 'output') return [{ blocks: [input, flatten('flat', 'input'), tested(['flat'])] }, { blocks: [input, block({ kind: 'activation', id: 'act', inputs: ['input'], fn: 'relu' }), tested(['act'])] }];
  if (module?.arity === 'many') {
    const branch = (id: string, fn: string) => block({ kind: 'activation', id, inputs: ['input'], fn });
    return [{ blocks: [input, branch('a', 'relu'), branch('b', 'tanh'), tested(['a', 'b']), flatten('flat', UNDER_TEST), softmax('flat')] }];
  }
  // Kinds that read what another kind makes of the image (tokens): after each kind that may make it.
  const after = BLOCK_MODULES.filter((m) => m.arity === 'one' && m.role === undefined && m.kind !== kind)
    .map((m) => ({ blocks: [input, defaultBlock(m.kind, 'before', ['input']), tested(['before']), flatten('flat', UNDER_TEST), softmax('flat')] }));
  return [
    { blocks: [input, tested(['input']), flatten('flat', UNDER_TEST), softmax('flat')] },
    { blocks: [input, flatten('flat0', 'input'), tested(['flat0']), flatten('flat', UNDER_TEST), softmax('flat')] },
    ...after,
  ];
}

/** Every registered kind with a valid network that holds it (as block UNDER_TEST); throws where none fits. */
export function kindNetworks(data: DataShape = TABLE_DATA): { kind: RegisteredKind; spec: ModelSpec }[] {
  return BLOCK_MODULES.map((m) => {
    const spec = placements(m.kind).find((s) => analyzeModel(s, data).valid);
    if (spec === undefined) throw new Error(`no table network fits block kind ${m.kind}`);
    return { kind: m.kind, spec };
  });
}

export const ALIASED_DATA: DataShape = { inputShape: [4, 4, 1], numClasses: 3 };

/**
 * Two ids that become one Python name ("c-1", "c_1"), and "c_1" reads from "c-1" but is listed first:
 * spec order and graph order disagree, so an exporter that named blocks in its own order would swap them.
 */
export const aliasedIds: ModelSpec = {
  blocks: [
    { kind: 'input', id: 'input', inputs: [] },
    { kind: 'flatten', id: 'flat', inputs: ['input'] },
    { kind: 'dense', id: 'c_1', inputs: ['c-1'], units: 2 },
    { kind: 'dense', id: 'c-1', inputs: ['flat'], units: 5 },
    { kind: 'softmax', id: 'output', inputs: ['c_1'] },
  ],
};
