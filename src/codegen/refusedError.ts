// The error of an export format that cannot write some blocks of a network yet (src/codegen/refused.ts).
import type { RefusingFormat } from '../blocks/types';

export class ExportRefusedError extends Error {
  constructor(readonly format: RefusingFormat, readonly kinds: readonly string[]) {
    super(`The ${format === 'keras' ? 'Keras' : 'ONNX'} export cannot write these blocks yet: ${kinds.join(', ')}. Use the PyTorch or TensorFlow.js export.`);
    this.name = 'ExportRefusedError';
  }
}

/** For a refusing kind's keras / onnx fields: reached only if an exporter forgot to call refuseUnwritable. */
export function unwritable(format: RefusingFormat, kind: string): never {
  throw new ExportRefusedError(format, [kind]);
}
