// The summary table as CSV (RFC 4180): one row per block with its output shape and parameters, then the
// totals; opens in any spreadsheet. The text form is the Keras-style summary (src/model/summary.ts).
import type { ModelAnalysis } from '../model/analysis';

/**
 * One CSV cell. Quoting keeps separators, quotes and line breaks inside the cell, but a spreadsheet still
 * evaluates a quoted cell that starts with = + - @ (or a tab or carriage return before one): such text gets a
 * leading ' so that it shows as text. Numbers are ours and never negative, so they are written as they are.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

export function summaryCsv(analysis: ModelAnalysis): string {
  const rows: (string | number)[][] = [['block', 'kind', 'output shape', 'trainable parameters', 'non-trainable parameters']];
  for (const b of analysis.blocks) {
    rows.push([b.id, b.kind, b.outputShape === null ? '' : b.outputShape.join('x'), b.params.trainable, b.params.nonTrainable]);
  }
  rows.push(['total', '', analysis.outputShape === null ? '' : analysis.outputShape.join('x'), analysis.totals.trainable, analysis.totals.nonTrainable]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
