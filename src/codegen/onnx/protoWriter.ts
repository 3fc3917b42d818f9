// Encodes a message by walking its protobufjs reflection type with protobufjs's Writer. protobufjs's own
// Type.encode compiles an encoder with `Function` on first use, which the app's Content-Security-Policy
// (no 'unsafe-eval') forbids in the page; this walk writes the same bytes (onnxExport.test.ts compares the
// two) without generating code. Scalar repeated fields follow the schema's `packed` flag, as Type.encode does.
import protobuf from 'protobufjs/light.js';

const WIRE_TYPE: Readonly<Record<string, number>> = {
  double: 1, float: 5, int32: 0, uint32: 0, sint32: 0, fixed32: 5, sfixed32: 5,
  int64: 0, uint64: 0, sint64: 0, fixed64: 1, sfixed64: 1, bool: 0, string: 2, bytes: 2,
};

export type ProtoMessage = { readonly [field: string]: unknown };

type ScalarWrite = (value: unknown) => protobuf.Writer;

function writeScalar(writer: protobuf.Writer, type: string, value: unknown): void {
  const write = (writer as unknown as Record<string, ScalarWrite>)[type];
  if (typeof write !== 'function') throw new Error(`protoWriter: no writer for type ${type}`);
  write.call(writer, value);
}

function writeField(writer: protobuf.Writer, field: protobuf.Field, value: unknown): void {
  const nested = field.resolvedType;
  if (nested instanceof protobuf.Type) {
    writer.uint32((field.id << 3) | 2).fork();
    writeMessage(writer, nested, value as ProtoMessage);
    writer.ldelim();
    return;
  }
  const wire = WIRE_TYPE[field.type];
  if (wire === undefined) throw new Error(`protoWriter: unsupported field type ${field.type}`);
  writer.uint32((field.id << 3) | wire);
  writeScalar(writer, field.type, value);
}

function writeMessage(writer: protobuf.Writer, type: protobuf.Type, message: ProtoMessage): void {
  const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of fields) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (!field.repeated) {
      writeField(writer, field, value);
      continue;
    }
    const values = value as readonly unknown[];
    if (values.length === 0) continue;
    if (field.packed && WIRE_TYPE[field.type] !== 2 && !(field.resolvedType instanceof protobuf.Type)) {
      writer.uint32((field.id << 3) | 2).fork();
      for (const v of values) writeScalar(writer, field.type, v);
      writer.ldelim();
    } else {
      for (const v of values) writeField(writer, field, v);
    }
  }
}

export function encodeMessage(type: protobuf.Type, message: ProtoMessage): Uint8Array {
  const writer = protobuf.Writer.create();
  writeMessage(writer, type, message);
  return writer.finish();
}
