// A Keras-style summary table (layer, output shape, params) as plain text, to copy into a report or
// compare with model.summary() of a Keras model. Type names are Keras's class names; headings can be
// translated by passing labels. Networks with branches get Keras's "Connected to" column.
import type { ModelAnalysis } from './analysis';
import type { ModelCost } from './cost';
import { blocksById, MERGE_KINDS, specBlocks } from './graph';
import { blockModuleOf } from '../blocks/registry';
import type { ModelSpec, Shape } from './spec';

export interface SummaryLabels {
  readonly layer: string;
  readonly outputShape: string;
  readonly params: string;
  readonly connectedTo: string;
  readonly total: string;
  readonly trainable: string;
  readonly nonTrainable: string;
  readonly macs: string;
}

export interface SummaryOptions {
  readonly labels?: Partial<SummaryLabels>;
  /** Formats counts; default: digits grouped by commas, as Keras prints them. */
  readonly formatNumber?: (n: number) => string;
  /** With a measured cost, a multiply-adds column and total are added. */
  readonly cost?: ModelCost;
  /** The model's name in the first line; default "cnnPlayground", the name buildModel gives it. */
  readonly name?: string;
}

const LABELS: SummaryLabels = {
  layer: 'Layer (type)', outputShape: 'Output Shape', params: 'Param #', connectedTo: 'Connected to',
  total: 'Total params', trainable: 'Trainable params', nonTrainable: 'Non-trainable params', macs: 'Mult-Adds',
};

const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const kerasShape = (shape: Shape | null): string => (shape === null ? '?' : `(None, ${shape.join(', ')})`);

export function formatSummary(spec: ModelSpec, analysis: ModelAnalysis, opts: SummaryOptions = {}): string {
  const labels = { ...LABELS, ...opts.labels };
  const num = opts.formatNumber ?? groupDigits;
  const blocks = specBlocks(spec);
  const specs = blocksById(spec);
  // Keras adds "Connected to" once a layer has several inputs or a tensor feeds several layers.
  const edges = blocks.flatMap((b) => b.inputs);
  const branched = blocks.some((b) => MERGE_KINDS.has(b.kind) || b.inputs.length > 1) || new Set(edges).size < edges.length;
  const macsById = new Map(opts.cost?.blocks.map((b) => [b.id, b.macs]));
  const header = [labels.layer, labels.outputShape, labels.params];
  if (opts.cost) header.push(labels.macs);
  if (branched) header.push(labels.connectedTo);
  const rows = analysis.blocks.map((b) => {
    const row = [`${b.id} (${blockModuleOf(b.kind)?.kerasClass ?? b.kind})`, kerasShape(b.outputShape), num(b.params.trainable + b.params.nonTrainable)];
    if (opts.cost) row.push(num(macsById.get(b.id) ?? 0));
    if (branched) row.push((specs.get(b.id)?.inputs ?? []).map(String).join(', '));
    return row;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 3);
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('').trimEnd();
  const width = widths.reduce((a, b) => a + b, 0);
  const { trainable, nonTrainable } = analysis.totals;
  const totals = [
    `${labels.total}: ${num(trainable + nonTrainable)}`,
    `${labels.trainable}: ${num(trainable)}`,
    `${labels.nonTrainable}: ${num(nonTrainable)}`,
  ];
  if (opts.cost) totals.push(`${labels.macs}: ${num(opts.cost.totals.macs)}`);
  return [
    `Model: "${opts.name ?? 'cnnPlayground'}"`,
    '_'.repeat(width),
    line(header),
    '='.repeat(width),
    ...rows.flatMap((r, i) => (i === 0 ? [line(r)] : ['', line(r)])),
    '='.repeat(width),
    ...totals,
    '_'.repeat(width),
  ].join('\n');
}
