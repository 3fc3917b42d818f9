// The part of ONNX's onnx.proto (proto3, IR version 7) that an inference model uses, built with protobufjs's
// reflection API: message names, field names, numbers and types as the public ONNX spec defines them, so
// any ONNX reader (onnx, onnxruntime, Netron) decodes what we write. Fields we never set (training info,
// sparse tensors, functions, external data) are left out; a reader skips nothing it expects.
import protobuf from 'protobufjs/light.js';

type FieldDef = readonly [name: string, id: number, type: string, rule?: 'repeated'];

const MESSAGES: Readonly<Record<string, readonly FieldDef[]>> = {
  StringStringEntryProto: [['key', 1, 'string'], ['value', 2, 'string']],
  OperatorSetIdProto: [['domain', 1, 'string'], ['version', 2, 'int64']],
  TensorProto: [
    ['dims', 1, 'int64', 'repeated'], ['data_type', 2, 'int32'], ['float_data', 4, 'float', 'repeated'],
    ['int64_data', 7, 'int64', 'repeated'], ['name', 8, 'string'], ['raw_data', 9, 'bytes'], ['doc_string', 12, 'string'],
  ],
  AttributeProto: [
    ['name', 1, 'string'], ['f', 2, 'float'], ['i', 3, 'int64'], ['s', 4, 'bytes'], ['t', 5, 'TensorProto'],
    ['floats', 7, 'float', 'repeated'], ['ints', 8, 'int64', 'repeated'], ['doc_string', 13, 'string'], ['type', 20, 'int32'],
  ],
  NodeProto: [
    ['input', 1, 'string', 'repeated'], ['output', 2, 'string', 'repeated'], ['name', 3, 'string'], ['op_type', 4, 'string'],
    ['attribute', 5, 'AttributeProto', 'repeated'], ['doc_string', 6, 'string'], ['domain', 7, 'string'],
  ],
  Dimension: [['dim_value', 1, 'int64'], ['dim_param', 2, 'string'], ['denotation', 3, 'string']],
  TensorShapeProto: [['dim', 1, 'Dimension', 'repeated']],
  TensorTypeProto: [['elem_type', 1, 'int32'], ['shape', 2, 'TensorShapeProto']],
  TypeProto: [['tensor_type', 1, 'TensorTypeProto'], ['denotation', 6, 'string']],
  ValueInfoProto: [['name', 1, 'string'], ['type', 2, 'TypeProto'], ['doc_string', 3, 'string']],
  GraphProto: [
    ['node', 1, 'NodeProto', 'repeated'], ['name', 2, 'string'], ['initializer', 5, 'TensorProto', 'repeated'],
    ['doc_string', 10, 'string'], ['input', 11, 'ValueInfoProto', 'repeated'], ['output', 12, 'ValueInfoProto', 'repeated'],
    ['value_info', 13, 'ValueInfoProto', 'repeated'],
  ],
  ModelProto: [
    ['ir_version', 1, 'int64'], ['producer_name', 2, 'string'], ['producer_version', 3, 'string'], ['domain', 4, 'string'],
    ['model_version', 5, 'int64'], ['doc_string', 6, 'string'], ['graph', 7, 'GraphProto'],
    ['opset_import', 8, 'OperatorSetIdProto', 'repeated'], ['metadata_props', 14, 'StringStringEntryProto', 'repeated'],
  ],
};

export { ATTR, ONNX_FLOAT, ONNX_INT64 } from './onnxEnums';

/**
 * The ONNX message types. (Proto's nested TensorShapeProto.Dimension and TypeProto.Tensor are top-level
 * here: nesting changes only the names inside the schema, never the bytes on the wire.)
 */
export function onnxRoot(): protobuf.Root {
  const root = new protobuf.Root();
  const onnx = new protobuf.Namespace('onnx');
  root.add(onnx);
  for (const [name, fields] of Object.entries(MESSAGES)) {
    const type = new protobuf.Type(name);
    for (const [field, id, kind, rule] of fields) type.add(new protobuf.Field(field, id, kind, rule));
    onnx.add(type);
  }
  root.resolveAll();
  return root;
}

let cached: protobuf.Root | null = null;

export function onnxType(name: keyof typeof MESSAGES & string): protobuf.Type {
  cached ??= onnxRoot();
  return cached.lookupType(`onnx.${name}`);
}
