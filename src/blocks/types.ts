// What one block kind knows of itself, on the pure side: its link schema, its editable fields, its shape
// rule (with the arithmetic shown to the student), its cost, its receptive-field step, its weights and its
// code in each export target. src/blocks/registry.ts lists the modules; the model core, the editor and
// the exporters read them through it and never switch on a kind. The tfjs side of a kind lives in
// src/train/blocks/, found by the same `kind`. An exporter added later is one more optional field here.
import type { z } from 'zod';
import type { AxisArithmetic, BlockAnalysis, ModelIssue, ParamCount } from '../model/analysis';
import type { DataShape, Shape } from '../model/spec';
import type { OnnxEmitter } from './common/onnx';

/** The fields every block has, whatever its kind. */
export interface BlockBase {
  readonly id: string;
  /** Ids of the blocks whose outputs feed this one, in order. Empty only for `input`. */
  readonly inputs: readonly string[];
}

export interface BlockResult {
  readonly shape: Shape | null;
  readonly params: ParamCount;
  readonly arithmetic: readonly AxisArithmetic[];
  readonly issues: readonly ModelIssue[];
  readonly shapeFormula: string | null;
  readonly paramsFormula: string | null;
}

export type FieldType = 'int' | 'number' | 'size2' | 'padding' | 'enum' | 'bool';

export interface FieldDescriptor {
  /** The block property; its label and hint are field.<name> / hint.<name> in the 'model' namespace. */
  readonly name: string;
  readonly type: FieldType;
  /** Bounds for int / number / size2 (each axis) / padding (explicit pixels). */
  readonly min?: number;
  readonly max?: number;
  /** True when the bound itself is not allowed (dropout rate < 1). */
  readonly maxExclusive?: boolean;
  /** For enum: the values. */
  readonly options?: readonly string[];
  /** For enum: the message prefix of the values' labels (<prefix>.<value> in 'model'); the field's name when absent. */
  readonly optionLabels?: string;
  readonly default: number | string | boolean;
  /** Shown only when another field has one of these values (alpha only for leaky ReLU and ELU). */
  readonly when?: { readonly field: string; readonly values: readonly string[] };
}

/** The receptive-field state of one block's output (per axis: size, jump, and the grid it lies on). */
export interface FieldState {
  readonly r: readonly [number, number];
  readonly j: readonly [number, number];
  /** Height and width of the tensor, or of the image a flattened vector came from; [1, 1] once mixed. */
  readonly grid: readonly [number, number];
}

/** An interval of rows or columns of a block's output, traced back towards the input image. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export interface Span2 {
  readonly rows: Interval;
  readonly cols: Interval;
}

/** How a block changes what one output value can see: forward (cost.ts) and traced back (arith view). */
export interface ReceptiveStep {
  /** r_out, j_out from the inputs' fields; `arithmetic` is the block's own (sliding windows have it). */
  forward(ins: readonly FieldState[], arithmetic: readonly AxisArithmetic[], input: Shape | null, out: Shape): FieldState | null;
  /** The input cells an interval of output cells reads, or null where the spatial layout ends (flatten, dense). */
  back(span: Span2, arithmetic: readonly AxisArithmetic[]): Span2 | null;
}

/** One weight of a block, as TensorFlow.js names it after the block id ("kernel", "gamma", ...). */
export interface WeightPart {
  readonly part: string;
  readonly shape: readonly number[];
}

/** What a block's PyTorch code needs to know of its place in the network. */
export interface ExportContext<B> {
  readonly block: B;
  readonly analysis: BlockAnalysis;
  /** The block's Python name (pythonBlockNames), and the Python names of its inputs. */
  readonly name: string;
  readonly xs: readonly string[];
  /** The shape of the first input (empty for the input block). */
  readonly inShape: Shape;
  readonly data: DataShape;
}

export interface PytorchCode {
  /** Lines of Net.__init__ (without indent). */
  readonly modules: readonly string[];
  /** Lines of Net.forward (without indent). */
  readonly forward: readonly string[];
  /** Python classes the modules use, written once before Net. */
  readonly helpers?: readonly string[];
}

/** How one TensorFlow.js weight becomes a PyTorch state_dict entry. */
export interface TorchWeight {
  /** The state_dict key after the module name ("weight", "running_mean"). */
  readonly key: string;
  /** The axis order from the TensorFlow.js layout to PyTorch's (as numpy.transpose); none keeps it. */
  readonly perm?: readonly number[];
}

export interface PytorchExport<B> {
  emit(c: ExportContext<B>): PytorchCode;
  /** By TensorFlow.js weight part; absent for kinds without weights. */
  readonly weights?: Readonly<Record<string, TorchWeight>>;
  /** Buffers PyTorch keeps that TensorFlow.js has no weight for (batch norm's num_batches_tracked). */
  readonly buffers?: readonly { readonly key: string; readonly dtype: 'I64'; readonly value: number }[];
  /** The output head's predict_proba body, where the task's (a softmax) is not what the app's output is. */
  readonly predict?: string;
}

/** One statement of the Keras model.py: `variable = layer(input)`, or `variable = layer` without an input. */
export interface KerasLine {
  readonly variable: string;
  readonly layer: string;
  readonly input: string | null;
}

export interface KerasExport<B> {
  lines(c: ExportContext<B>): readonly KerasLine[];
}

/** A layer of a TensorFlow.js model.json. */
export interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown;
}

export interface BlockModule<B extends BlockBase & { readonly kind: string }> {
  readonly kind: B['kind'];
  /** The link's schema of this kind: a strict object, so unknown fields are refused. */
  readonly schema: z.ZodObject<{ kind: z.ZodLiteral<B['kind']> } & z.ZodRawShape>;
  /** What the inspector may edit, with the editor's limits. */
  readonly fields: readonly FieldDescriptor[];
  /** How many inputs it reads: none (the input block), one, or two and more (merges). */
  readonly arity: 'none' | 'one' | 'many';
  /** The network's input block and its output head have a role of their own in the graph rules. */
  readonly role?: 'input' | 'output';
  /** Prefix of the ids the editor gives new blocks (conv1, bn2). */
  readonly idPrefix: string;
  /** Keras's class name, in the summary table. */
  readonly kerasClass: string;
  /** Its output is always a vector (dense, flatten, global pooling): its thumbnail draws bars, not maps. */
  readonly flat?: boolean;
  /** Its kernel is a weight the block panel shows (filters of a convolution, the weights of a dense layer). */
  readonly kernelView?: boolean;
  /** Batch norm subtracts its input's mean: a bias right before it is wasted. */
  readonly cancelsBias?: boolean;
  /** `inputs` are the shapes flowing in, in input order (empty for the input block); never throws. */
  infer(block: B, inputs: readonly Shape[], data: DataShape): BlockResult;
  /** Multiply-adds for one example; absent means free (pooling, activations, batch norm). */
  macs?(block: B, input: Shape, out: Shape): number;
  readonly receptive: ReceptiveStep;
  /** A compact, language-neutral summary of the settings, e.g. "6 @ 5×5, s1, p2". */
  describe(block: B): string;
  /** The weights the block owns, in TensorFlow.js's order; absent for kinds without weights. */
  weights?(block: B, input: Shape, data: DataShape): readonly WeightPart[];
  readonly pytorch: PytorchExport<B>;
  readonly keras: KerasExport<B>;
  /** TensorFlow.js model.json: the playground's own layer classes (by class name) as standard Keras layers. */
  readonly tfjsLayers?: Readonly<Record<string, (layer: LayerJson) => LayerJson>>;
  /** ONNX (src/codegen/onnx/): the block's nodes and initializers; returns its output tensor's name. */
  readonly onnx: OnnxEmitter<B>;
  /**
   * Export formats that cannot write this kind yet: their exporter refuses a network that has it, with a
   * message (src/codegen/refused.ts), rather than write something that computes another function.
   */
  readonly refusedBy?: readonly RefusingFormat[];
}

export type RefusingFormat = 'keras' | 'onnx';

/** Any module of the registry, as the generic code reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyBlockModule = BlockModule<any>;
