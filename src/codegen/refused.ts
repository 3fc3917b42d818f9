// Export formats refuse a network whose blocks they cannot write yet (each kind lists them in its module's
// `refusedBy`): a clear message, never a file that computes something else than the app's network.
import { blockModuleOf } from '../blocks/registry';
import type { RefusingFormat } from '../blocks/types';
import type { ModelSpec } from '../model/spec';
import { ExportRefusedError } from './refusedError';

export { ExportRefusedError };

/** The kinds in the network that `format` refuses, each once, in spec order. */
export function refusedKinds(format: RefusingFormat, spec: ModelSpec): string[] {
  const kinds = spec.blocks.map((b) => b.kind).filter((k) => blockModuleOf(k)?.refusedBy?.includes(format) === true);
  return [...new Set(kinds)];
}

/** Throws ExportRefusedError when `format` cannot write some block of the network. */
export function refuseUnwritable(format: RefusingFormat, spec: ModelSpec): void {
  const kinds = refusedKinds(format, spec);
  if (kinds.length > 0) throw new ExportRefusedError(format, kinds);
}
