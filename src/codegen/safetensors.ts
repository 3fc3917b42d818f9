// The safetensors file format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
// header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensors. Simple enough to write
// and read without a library, and PyTorch, JAX and TensorFlow all have readers for it.

export interface SafeTensor {
  readonly name: string;
  readonly dtype: 'F32' | 'I64';
  readonly shape: readonly number[];
  /** F32 values, or I64 values given as numbers (exact up to 2^53). */
  readonly values: Float32Array | readonly number[];
}

export function writeSafetensors(tensors: readonly SafeTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.values.length * (t.dtype === 'F32' ? 4 : 8);
    header[t.name] = { dtype: t.dtype, shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces so that the tensors start 8-byte aligned (as the reference writer does).
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    if (t.dtype === 'F32') {
      for (let i = 0; i < t.values.length; i++) view.setFloat32(at + 4 * i, t.values[i] as number, true);
      at += 4 * t.values.length;
    } else {
      for (let i = 0; i < t.values.length; i++) view.setBigInt64(at + 8 * i, BigInt(t.values[i] as number), true);
      at += 8 * t.values.length;
    }
  }
  return out;
}
