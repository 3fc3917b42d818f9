// Messages from the training worker reach the UI as codes with values, said in the user's language: a
// refused setting, a network too large for the backend, a dataset that did not load, a worker that never
// started. Every code has its sentence in English and Korean, and the Korean one carries no English words.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/run.en';
import ko from '../i18n/run.ko';
import { errorOf, harness, start } from './engineHarness';
import { analyzeModel } from '../model/analyze';
import { chain, conv2d, dense, flatten, input, softmax } from '../model/presets';
import { estimateRun, refusalFailure } from './api/estimate';
import { FAILURE_CODES } from './api/failure';

const MNIST = { inputShape: [28, 28, 1], numClasses: 10 } as const;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('failures from the worker', () => {
  it('come as codes with values: a refused setting, a network too large, a dataset that did not load', async () => {
    const bad = harness();
    bad.engine.handle(start(1, { batchSize: 0 }));
    await bad.engine.idle();
    expect(errorOf(bad.messages)).toMatchObject({ failure: { code: 'hyperParams', values: { detail: expect.any(String) } } });

    // The memory estimate's refusal, as the engine throws it (checkFits): a code and its values.
    const hugeSpec = chain(input(), conv2d(256, 3, { padding: 'same' }), conv2d(256, 3, { padding: 'same' }), flatten(), dense(64), softmax());
    const e = estimateRun({ spec: hugeSpec, data: MNIST, analysis: analyzeModel(hugeSpec, MNIST), hyper: { batchSize: 512, optimizer: 'adam' }, trainCount: 60_000, backend: 'webgl' });
    expect(refusalFailure(e, 512)).toMatchObject({ code: 'tooLarge', values: { batch: 512, backend: 'webgl', memory: expect.stringMatching(/B$/) } });

    const offline = harness({ loadDataset: async () => {
      throw new Error('HTTP 404');
    } });
    offline.engine.handle(start(3));
    await offline.engine.idle();
    expect(errorOf(offline.messages)).toMatchObject({ failure: { code: 'dataset', values: { detail: 'HTTP 404' } } });
  });

  it('has a sentence for every code in English and Korean, the Korean one without English words', () => {
    for (const code of FAILURE_CODES) {
      expect(en.failure[code], code).toBeTruthy();
      const text = ko.failure[code].replace(/\{\{\w+\}\}/g, '').replace(/tfjs/g, '');
      expect(text, code).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});
