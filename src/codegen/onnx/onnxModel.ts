// ModelSpec + trained weights -> an ONNX model file (opset ONNX_OPSET, IR version 7). Images go in as
// "images", float32 [N, C, H, W] (channels first, as the PyTorch export and the notebook take them), values
// in [0, 1]; class probabilities come out as "probabilities", float32 [N, classes]. Both are written into
// the file's metadata too, so Netron and onnxruntime's model.get_modelmeta() show them.
import { refuseUnwritable } from '../refused';
import type { ModelAnalysis } from '../../model/analysis';
import type { DataShape, ModelSpec, Shape } from '../../model/spec';
import { isOutputKind } from '../../model/graph';
import { weightsByBlock, type NamedTensor, type WeightList } from '../weights';
import { OnnxGraphBuilder } from './graph';
import { ONNX_FLOAT, onnxType } from './onnxSchema';
import { emitBlock } from './ops';
import { encodeMessage } from './protoWriter';

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
export const ONNX_INPUT = 'images';
export const ONNX_OUTPUT = 'probabilities';

export interface OnnxExportOptions {
  /** The project's name: free text, stored as a metadata string (never run). */
  readonly title?: string;
  /** Class names in output order. */
  readonly classNames?: readonly string[];
}

/** The model's input shape in ONNX's layout: [C, H, W] for images, as is otherwise. */
export function onnxInputShape(data: DataShape): number[] {
  return channelsFirst(data.inputShape);
}

/** An [H, W, C] shape as [C, H, W]; any other as is. */
function channelsFirst(shape: Shape): number[] {
  const [h, w, c] = shape;
  return shape.length === 3 ? [c as number, h as number, w as number] : [...shape];
}

/** The output's shape in ONNX's layout: [classes], or [classes, H, W] for a class per pixel (NCHW, as PyTorch). */
export function onnxOutputShape(analysis: ModelAnalysis, data: DataShape): number[] {
  return channelsFirst(analysis.outputShape ?? [data.numClasses]);
}

const valueInfo = (name: string, dims: readonly number[]) => ({
  name,
  type: { tensor_type: { elem_type: ONNX_FLOAT, shape: { dim: [{ dim_param: 'N' }, ...dims.map((d) => ({ dim_value: d }))] } } },
});

/** The nodes of every block in the core's topological order; every weight must be used exactly once. */
function buildGraph(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, weights: WeightList): OnnxGraphBuilder {
  const graph = new OnnxGraphBuilder([ONNX_INPUT, ONNX_OUTPUT]);
  const specs = new Map(spec.blocks.map((b) => [b.id, b]));
  const shapes = new Map<string, Shape | null>(analysis.blocks.map((b) => [b.id, b.outputShape]));
  const byBlock = weightsByBlock(weights);
  const tensors = new Map<string, string>();
  let used = 0;
  for (const a of analysis.blocks) {
    const block = specs.get(a.id);
    if (block === undefined) continue;
    const own = byBlock.get(block.id) ?? new Map<string, NamedTensor>();
    used += own.size;
    const inputs = block.kind === 'input' ? [ONNX_INPUT] : block.inputs.map((i) => tensors.get(i) as string);
    const out = block.kind === 'input' ? ONNX_INPUT : isOutputKind(block.kind) ? ONNX_OUTPUT : graph.fresh(block.id);
    const inShape = block.kind === 'input' ? data.inputShape : (shapes.get(block.inputs[0] as string) ?? []);
    tensors.set(block.id, emitBlock({ block, analysis: a, inputs, inShape, data, weights: own, graph, out }));
  }
  if (used !== weights.length) throw new Error(`ONNX export: ${weights.length - used} weights belong to no block of the network`);
  return graph;
}

export function onnxMetadata(data: DataShape, opts: OnnxExportOptions, output: readonly number[] = [data.numClasses]): Record<string, string> {
  const input = onnxInputShape(data);
  return {
    input: `${ONNX_INPUT}: float32 [N, ${input.join(', ')}]${data.inputShape.length === 3 ? ' (N, C, H, W: channels first, NCHW)' : ''}, pixel values in [0, 1]`,
    output: `${ONNX_OUTPUT}: float32 [N, ${output.join(', ')}], softmax over the classes${output.length === 3 ? ' at every pixel' : ''}`,
    layout: data.inputShape.length === 3 ? 'NCHW' : 'flat',
    classes: JSON.stringify(opts.classNames ?? Array.from({ length: data.numClasses }, (_, i) => String(i))),
    title: opts.title ?? '',
    opset: String(ONNX_OPSET),
  };
}

/** The model as plain objects in onnxSchema.ts's message shapes. */
export function onnxModelProto(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, weights: WeightList, opts: OnnxExportOptions = {}) {
  if (!analysis.valid) throw new Error('ONNX export: the network has errors');
  refuseUnwritable('onnx', spec);
  const graph = buildGraph(spec, analysis, data, weights);
  const output = onnxOutputShape(analysis, data);
  return {
    ir_version: ONNX_IR_VERSION,
    producer_name: 'CNN Playground',
    producer_version: '1',
    model_version: 1,
    doc_string: `A network from CNN Playground. Input ${ONNX_INPUT} [N, ${onnxInputShape(data).join(', ')}], output ${ONNX_OUTPUT} [N, ${output.join(', ')}].`,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    metadata_props: Object.entries(onnxMetadata(data, opts, output)).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'cnn_playground',
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(ONNX_INPUT, onnxInputShape(data))],
      output: [valueInfo(ONNX_OUTPUT, output)],
    },
  };
}

/** The bytes of model.onnx. */
export function onnxModelFile(spec: ModelSpec, analysis: ModelAnalysis, data: DataShape, weights: WeightList, opts: OnnxExportOptions = {}): Uint8Array {
  return encodeMessage(onnxType('ModelProto'), onnxModelProto(spec, analysis, data, weights, opts));
}
