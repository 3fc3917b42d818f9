// Each block kind's ONNX emitter lives in its module (src/blocks/<kind>.ts, helpers in
// src/blocks/common/onnx.ts); the graph assembly (onnxModel.ts) reaches it through the registry.
import { moduleOf } from '../../blocks/registry';
import type { OnnxBlockContext } from '../../blocks/common/onnx';

export type { OnnxBlockContext, OnnxEmitter } from '../../blocks/common/onnx';

/** Calls the emitter of the block's kind. */
export function emitBlock(c: OnnxBlockContext): string {
  return moduleOf(c.block.kind).onnx(c);
}
