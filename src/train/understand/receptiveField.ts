// Where in the input image one unit of a block looks: the receptive-field recurrence of the model core
// (src/model/cost.ts: r_out = r_in + (k_eff - 1) * j_in, j_out = j_in * stride), extended with the
// position of the first unit's field, which padding shifts (start_out = start_in - pad_before * j_in).
// Read off the tfjs layers, so it follows exactly what the model computes.
import type * as tf from '@tensorflow/tfjs';

/** Per axis (height, width): field size, jump between neighbouring units, top-left of unit 0's field. */
export interface FieldGeometry {
  readonly size: readonly [number, number];
  readonly jump: readonly [number, number];
  readonly start: readonly [number, number];
}

type Axis = 0 | 1;
const AXES: readonly Axis[] = [0, 1];
const pairOf = (v: unknown, fallback: number): [number, number] =>
  Array.isArray(v) ? [Number(v[0] ?? fallback), Number(v[1] ?? fallback)] : typeof v === 'number' ? [v, v] : [fallback, fallback];

/** The field of `layer`'s units, or null when its output is not a grid (dense, flatten). */
export function fieldOf(layer: tf.layers.Layer, cache = new Map<string, FieldGeometry | null>()): FieldGeometry | null {
  const hit = cache.get(layer.name);
  if (hit !== undefined) return hit;
  const result = computeField(layer, cache);
  cache.set(layer.name, result);
  return result;
}

function computeField(layer: tf.layers.Layer, cache: Map<string, FieldGeometry | null>): FieldGeometry | null {
  const kind = layer.getClassName();
  const outShape = layer.outputShape as (number | null)[];
  if (kind === 'InputLayer') return { size: [1, 1], jump: [1, 1], start: [0, 0] };
  if (!Array.isArray(outShape) || outShape.length !== 4) return null;
  const sources = layer.inboundNodes[0]?.inboundLayers ?? [];
  const fields = sources.map((s) => fieldOf(s, cache));
  if (fields.length === 0 || fields.some((f) => f === null)) return null;
  const ins = fields as FieldGeometry[];
  const f = ins[0] as FieldGeometry;
  const config = layer.getConfig() as Record<string, unknown>;
  const inShape = (sources[0]?.outputShape ?? []) as (number | null)[];
  switch (kind) {
    case 'Conv2D':
    case 'DilatedConv2D':
    case 'MaxPooling2D':
    case 'AveragePooling2D':
    case 'DepthwiseConv2D': {
      const isConv = kind.includes('Conv');
      const k = pairOf(isConv ? config.kernelSize : config.poolSize, 1);
      const s = pairOf(config.strides ?? (isConv ? 1 : config.poolSize), 1);
      const d = pairOf(config.dilationRate ?? 1, 1);
      const keff = AXES.map((a) => (k[a] - 1) * d[a] + 1) as [number, number];
      const pad = AXES.map((a) => {
        if (config.padding !== 'same') return 0;
        const inSize = Number(inShape[a + 1] ?? 0);
        const out = Math.ceil(inSize / s[a]);
        return Math.floor(Math.max((out - 1) * s[a] + keff[a] - inSize, 0) / 2);
      });
      return {
        size: AXES.map((a) => f.size[a] + (keff[a] - 1) * f.jump[a]) as [number, number],
        jump: AXES.map((a) => f.jump[a] * s[a]) as [number, number],
        start: AXES.map((a) => f.start[a] - (pad[a] as number) * f.jump[a]) as [number, number],
      };
    }
    case 'ZeroPadding2D': {
      const padding = config.padding as unknown;
      const before = Array.isArray(padding)
        ? (padding as unknown[]).map((p) => (Array.isArray(p) ? Number(p[0]) : Number(p)))
        : [Number(padding), Number(padding)];
      return { size: f.size, jump: f.jump, start: AXES.map((a) => f.start[a] - (before[a] ?? 0) * f.jump[a]) as [number, number] };
    }
    default: {
      // Element-wise layers keep the field; a merge of branches sees the union of theirs.
      const start = AXES.map((a) => Math.min(...ins.map((x) => x.start[a]))) as [number, number];
      const end = AXES.map((a) => Math.max(...ins.map((x) => x.start[a] + x.size[a]))) as [number, number];
      return { size: AXES.map((a) => end[a] - start[a]) as [number, number], jump: f.jump, start };
    }
  }
}

/** Unit (y, x)'s field in image pixels: [top, left, height, width]. */
export function unitBox(field: FieldGeometry, y: number, x: number): [number, number, number, number] {
  return [field.start[0] + y * field.jump[0], field.start[1] + x * field.jump[1], field.size[0], field.size[1]];
}
