// The summary table as CSV (RFC 4180): one row per block with its output shape and parameters, then the
// totals; opens in any spreadsheet. The text form is the Keras-style summary (src/model/summary.ts).
import type { ModelAnalysis } from '../model/analysis';

const cell = (value: string | number): string => {
  const text = String(value);
  // Quote anything a spreadsheet could misread: separators, quotes, line breaks, and a leading formula sign.
  if (/[",\r\n]/.test(text) || /^[=+\-@]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
};

export function summaryCsv(analysis: ModelAnalysis): string {
  const rows: (string | number)[][] = [['block', 'kind', 'output shape', 'trainable parameters', 'non-trainable parameters']];
  for (const b of analysis.blocks) {
    rows.push([b.id, b.kind, b.outputShape === null ? '' : b.outputShape.join('x'), b.params.trainable, b.params.nonTrainable]);
  }
  rows.push(['total', '', analysis.outputShape === null ? '' : analysis.outputShape.join('x'), analysis.totals.trainable, analysis.totals.nonTrainable]);
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
