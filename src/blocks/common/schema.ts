// The link schema's building blocks, shared by the block kinds: wider than what makes sense (0 filters, a
// 4096 kernel), since analyzeModel explains those; the schema only keeps numbers finite, whole and small
// enough that nothing downstream overflows.
import { z } from 'zod';
import '../../model/zodConfig';

/** Characters of a block id, and inputs of one block, a link may carry. */
export const ID_LENGTH = 64;
export const INPUTS_PER_BLOCK = 32;

export const id = z.string().max(ID_LENGTH);
export const count = z.number().int().min(0).max(1_000_000);
export const size = z.number().int().min(0).max(4096);
export const size2 = z.union([size, z.tuple([size, size])]);
export const padding = z.union([z.literal('valid'), z.literal('same'), size]);
export const fraction = z.number().min(0).max(1);
export const activationFn = z.enum(['relu', 'leakyRelu', 'elu', 'sigmoid', 'tanh', 'linear']);
export const init = z.enum(['glorotUniform', 'glorotNormal', 'heNormal', 'heUniform', 'lecunNormal', 'zeros', 'largeNormal']);

/** The id and the inputs every block has. */
export const base = { id, inputs: z.array(id).max(INPUTS_PER_BLOCK) };
/** The options conv and dense share: a bias switch, a fused activation and an initialiser. */
export const denseOptions = { useBias: z.boolean().optional(), activation: activationFn.optional(), init: init.optional() };

/** A strict object for a kind that has only the common fields. */
export const plain = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind), ...base });
