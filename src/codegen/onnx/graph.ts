// A small builder for an ONNX graph as plain objects in the shape of onnxSchema.ts's messages: nodes in
// the order they are added (ONNX wants a topological order, which the core's block order already is),
// initializers for weights and constant inputs, and names made unique (block ids are free text; two may
// clash with each other or with the graph's own input and output names).
import { ATTR, ONNX_FLOAT, ONNX_INT64 } from './onnxEnums';

export interface OnnxAttribute {
  readonly name: string;
  readonly type: number;
  readonly i?: number;
  readonly f?: number;
  readonly ints?: readonly number[];
}

export interface OnnxNode {
  readonly op_type: string;
  readonly name: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute: readonly OnnxAttribute[];
}

export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data_type: number;
  readonly raw_data: Uint8Array;
}

export const intAttr = (name: string, i: number): OnnxAttribute => ({ name, type: ATTR.INT, i });
export const floatAttr = (name: string, f: number): OnnxAttribute => ({ name, type: ATTR.FLOAT, f });
export const intsAttr = (name: string, ints: readonly number[]): OnnxAttribute => ({ name, type: ATTR.INTS, ints });

/** Little-endian bytes of the values, as TensorProto.raw_data holds them. */
function rawBytes(values: Float32Array | BigInt64Array): Uint8Array {
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  values.forEach((v: number | bigint, i: number) => {
    if (typeof v === 'bigint') view.setBigInt64(i * 8, v, true);
    else view.setFloat32(i * 4, v, true);
  });
  return out;
}

export class OnnxGraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private readonly used = new Set<string>();

  constructor(reserved: readonly string[]) {
    for (const name of reserved) this.used.add(name);
  }

  /** A name no other tensor or node has, from `base` (kept as is when free). */
  fresh(base: string): string {
    let name = base === '' ? 't' : base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Adds a node; its output is `output` (already reserved by the caller) or a fresh name after the op. */
  node(op: string, input: readonly string[], attribute: readonly OnnxAttribute[] = [], output?: string): string {
    const out = output ?? this.fresh(`${input[0] ?? op}/${op}`);
    this.nodes.push({ op_type: op, name: this.fresh(`${out}:${op}`), input, output: [out], attribute });
    return out;
  }

  floats(base: string, dims: readonly number[], values: Float32Array): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims, data_type: ONNX_FLOAT, raw_data: rawBytes(values) });
    return name;
  }

  int64s(base: string, values: readonly number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims: [values.length], data_type: ONNX_INT64, raw_data: rawBytes(BigInt64Array.from(values.map(BigInt))) });
    return name;
  }
}
