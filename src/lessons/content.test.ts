// The lesson path as data: both languages complete, formulas that KaTeX typesets in strict mode, setups
// that open valid networks, step links that round-trip, and the architecture numbers the text quotes.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import { measureModel } from '../model/cost';
import { findPreset, presetDataShape } from '../model/presets';
import { datasetEntry } from '../data/registry';
import { findStep, formatStepRef, LESSONS, parseStepRef } from './index';
import { ARCH_NUMBERS } from './lesson7';
import type { Text } from './types';

const HANGUL = /[\uac00-\ud7a3]/;

function texts(value: unknown, path: string, out: [string, Text][]): void {
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.en === 'string' && typeof o.ko === 'string') out.push([path, o as unknown as Text]);
  else for (const [k, v] of Object.entries(o)) texts(v, `${path}.${k}`, out);
}

describe('lesson content', () => {
  it('has the eight lessons of the path, in order, each with steps of unique ids', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThan(0);
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
    }
  });

  it('says everything in both languages: no empty text, Korean in Korean', () => {
    const all: [string, Text][] = [];
    LESSONS.forEach((l) => texts(l, `lesson${l.id}`, all));
    expect(all.length).toBeGreaterThan(150);
    for (const [path, t] of all) {
      expect(t.en.trim(), path).not.toBe('');
      expect(t.ko.trim(), path).not.toBe('');
    }
    // Longer texts (not names like "SGD" or numbers) must be written in Korean.
    const prose = all.filter(([, t]) => /[a-z]{4,}.*\s.*[a-z]{4,}/i.test(t.en));
    for (const [path, t] of prose) expect(HANGUL.test(t.ko), `${path}: ${t.ko}`).toBe(true);
  });

  it('gives every step a task, hints and a predict-then-reveal with a valid answer', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        expect(step.hints.length, step.id).toBeGreaterThan(0);
        if (step.predict) {
          expect(step.predict.options.length).toBeGreaterThanOrEqual(2);
          expect(step.predict.answer).toBeLessThan(step.predict.options.length);
        }
      }
    }
  });

  it('typesets every formula with KaTeX in strict mode, without errors', () => {
    const formulas = LESSONS.flatMap((l) => l.steps.flatMap((s) => (s.formula ? [s.formula] : [])));
    expect(formulas.length).toBeGreaterThan(15);
    for (const f of formulas) {
      const html = katex.renderToString(f, { throwOnError: true, strict: 'error', trust: false, output: 'html' });
      expect(html).toContain('katex');
    }
  });

  it('opens a valid, trainable network in every step that sets one up', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        const { setup } = step;
        const dataset = datasetEntry(setup.dataset ?? 'mnist').shape;
        if (setup.spec) {
          const spec = setup.spec();
          const analysis = analyzeModel(spec, dataset);
          // The one exception: building LeNet-5 starts from the app's empty network (input -> output).
          const emptyStart = spec.blocks.length === 2;
          expect(analysis.valid || emptyStart, `${lesson.id}.${step.id}`).toBe(true);
          if (setup.block) expect(analysis.blocks.map((b) => b.id)).toContain(setup.block);
        }
        if (setup.preset) expect(findPreset(setup.preset), setup.preset).toBeDefined();
        for (const entry of setup.compare ?? []) {
          if (entry.spec) expect(analyzeModel(entry.spec(), dataset).valid).toBe(true);
        }
      }
    }
  });

  it('names steps in links as lesson.step and refuses what names no step', () => {
    expect(formatStepRef({ lesson: 2, step: 3 })).toBe('2.3');
    expect(parseStepRef('2.3')).toEqual({ lesson: 2, step: 3 });
    expect(findStep({ lesson: 2, step: 3 })?.id).toBe('pooling');
    for (const bad of ['9.1', '2.9', '2', '2.', 'x.1', '1.1.1', '', '2.03e1']) expect(parseStepRef(bad), bad).toBeNull();
  });

  it('quotes the reference networks\' own parameter and multiply-add counts', () => {
    const measure = (id: string) => {
      const preset = findPreset(id)!;
      const spec = preset.build();
      const shape = presetDataShape(preset, datasetEntry('mnist').shape);
      const analysis = analyzeModel(spec, shape);
      const cost = measureModel(spec, analysis, shape);
      const kindOf = (bid: string) => spec.blocks.find((b) => b.id === bid)?.kind;
      const convMacs = cost.blocks.filter((b) => kindOf(b.id) === 'conv2d').reduce((s, b) => s + b.macs, 0);
      const denseParams = analysis.blocks.filter((b) => b.kind === 'dense' || b.kind === 'softmax').reduce((s, b) => s + b.params.trainable, 0);
      return { params: analysis.totals.trainable, denseParams, macs: cost.totals.macs, convShare: convMacs / cost.totals.macs, spec };
    };
    const vgg = measure('vgg16');
    expect(vgg.params).toBe(ARCH_NUMBERS.vgg16.params);
    expect(vgg.denseParams).toBe(ARCH_NUMBERS.vgg16.denseParams);
    expect(vgg.macs / 1e9).toBeCloseTo(ARCH_NUMBERS.vgg16.macsG, 1);
    expect(vgg.convShare).toBeGreaterThan(ARCH_NUMBERS.vgg16.convMacsShare);
    const goog = measure('googlenet');
    expect(goog.params).toBe(ARCH_NUMBERS.googlenet.params);
    expect(goog.macs / 1e9).toBeCloseTo(ARCH_NUMBERS.googlenet.macsG, 1);
    const res = measure('resnet18');
    expect(res.params).toBe(ARCH_NUMBERS.resnet18.params);
    expect(res.macs / 1e9).toBeCloseTo(ARCH_NUMBERS.resnet18.macsG, 1);
    expect(res.spec.blocks.filter((b) => b.kind === 'add')).toHaveLength(ARCH_NUMBERS.resnet18.adds);
  });
});
