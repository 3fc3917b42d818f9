// A Jupyter notebook (nbformat 4) that continues the app's training in PyTorch: settings, the network as
// PyTorch code (pytorchModel.ts) with its parameter table, data through torchvision, the trained weights,
// a plain training loop with the app's settings, and the app's curves beside the notebook's own. Built as
// a plain object and written with JSON.stringify, so no user text can break the file's JSON; in Python it
// goes through pyString, in Markdown through markdownText.
import { blockTrainingByModule } from './pythonBlockTraining';
import type { ModelAnalysis } from '../model/analysis';
import type { DataShape, ModelSpec } from '../model/spec';
import type { RunCurve } from '../project/types';
import { markdownText } from './markdownText';
import { DATA_CODE, MODEL_LOAD_CODE, PLOT_CODE, SAVE_CODE, settingsCode, trainingCode, type NotebookSettings } from './notebookCode';
import { DATA_SOURCE, fill, NOTEBOOK_TEXT, type ExportLanguage } from './notebookText';
import { pytorchModelPy } from './pytorchModel';

export interface NotebookInput extends NotebookSettings {
  readonly title: string;
  readonly spec: ModelSpec;
  readonly analysis: ModelAnalysis;
  readonly data: DataShape;
  /** The app's latest run (curves and epoch results), null before training. */
  readonly run: RunCurve | null;
  readonly language: ExportLanguage;
}

interface Cell {
  readonly cell_type: 'markdown' | 'code';
  readonly id: string;
  readonly metadata: Record<string, never>;
  readonly source: string[];
  readonly outputs?: [];
  readonly execution_count?: null;
}

/** nbformat keeps a cell's text as lines, each but the last ending in '\n'. */
const lines = (text: string): string[] => text.replace(/\n+$/, '').split(/(?<=\n)/);

function markdownCell(text: string, n: number): Cell {
  return { cell_type: 'markdown', id: `md-${n}`, metadata: {}, source: lines(text) };
}

function codeCell(text: string, n: number): Cell {
  return { cell_type: 'code', id: `code-${n}`, metadata: {}, execution_count: null, outputs: [], source: lines(text) };
}

const shapeText = (shape: readonly number[] | null) => (shape === null ? '?' : shape.join('×'));

function parameterTable(input: NotebookInput): string {
  const t = NOTEBOOK_TEXT[input.language];
  const rows = input.analysis.blocks.map((b) =>
    `| ${markdownText(b.id)} | ${b.kind} | ${shapeText(b.outputShape)} | ${b.params.trainable + b.params.nonTrainable} |`);
  const totals = fill(t.totals, { trainable: input.analysis.totals.trainable, nonTrainable: input.analysis.totals.nonTrainable });
  return [`| ${t.table.join(' | ')} |`, '|---|---|---|---:|', ...rows, '', totals].join('\n');
}

/** The app's run as JSON, with the fields the plot cell reads (NaN losses become null). */
function appRunJson(run: RunCurve | null): string {
  if (run === null) return 'null';
  const epochs = run.epochs.map((e) => ({ epoch: e.epoch, testLoss: e.testLoss, testAccuracy: e.testAccuracy }));
  return JSON.stringify({ label: run.label, step: run.step, loss: run.loss, accuracy: run.accuracy, epochs });
}

export function notebookJson(input: NotebookInput): string {
  const t = NOTEBOOK_TEXT[input.language];
  const name = markdownText(input.title);
  const classes = input.classNames.map(markdownText).join(', ');
  // The project name goes into Python only as a string literal (TITLE); model.py's docstring gets a fixed title.
  const model = pytorchModelPy(input.spec, input.analysis, input.data, { title: 'The network' });
  const texts: [kind: 'md' | 'code', text: string][] = [
    ['md', `${fill(t.title, { name })}\n\n${t.intro}`],
    ['md', t.settings],
    ['code', settingsCode(input, input.title, appRunJson(input.run))],
    ['md', `${t.network}\n\n${parameterTable(input)}`],
    ['code', model],
    ['md', fill(t.data, { data: DATA_SOURCE[input.language][input.dataset], classes })],
    ['code', DATA_CODE],
    ['md', t.load],
    ['code', MODEL_LOAD_CODE],
    ['md', t.train],
    ['code', trainingCode(input.hyper.optimizer, blockTrainingByModule(input.spec))],
    ['md', t.plot],
    ['code', PLOT_CODE],
    ['md', t.save],
    ['code', SAVE_CODE],
  ];
  const cells = texts.map(([kind, text], i) => (kind === 'md' ? markdownCell(text, i + 1) : codeCell(text, i + 1)));
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      colab: { name: 'notebook.ipynb', provenance: [] },
    },
    cells,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
