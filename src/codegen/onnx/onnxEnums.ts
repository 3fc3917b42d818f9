// ONNX's enum values that the graph builder writes, apart from the protobuf schema (onnxSchema.ts), so the
// block modules' emitters can build graphs without pulling protobufjs into the page's first chunk.

/** TensorProto.DataType values. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/** AttributeProto.AttributeType values. */
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;
