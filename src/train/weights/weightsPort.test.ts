// The worker's 'load-weights' / 'get-weights': saved weights become a prediction model that answers like
// the model they were read from (no training), weights that do not fit the network are refused with the
// problem named (the old model stays), and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lenet5Mnist, tinyCnn } from '../../model/presets';
import { buildModel } from '../buildModel';
import { createPredictor } from '../predict';
import type { FromWorker } from '../api/protocol';
import { MNIST, mnistTestImages, randomizeWeights } from '../exportChecks/exportFixtures';
import { readWeights } from './readWeights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('load-weights and get-weights in the worker', () => {
  it('predicts with loaded weights as the source model does, hands them back, refuses a mismatch', () => {
    const spec = lenet5Mnist();
    const source = buildModel(spec, MNIST, 1).model;
    randomizeWeights(source, 5);
    const weights = readWeights(source);
    const image = mnistTestImages(1);
    const expected = tf.tidy(() => Array.from((source.predict(tf.tensor4d(image, [1, 28, 28, 1])) as tf.Tensor).dataSync()));
    source.dispose();

    const before = tf.memory().numTensors;
    const posts: FromWorker[] = [];
    const post = (m: FromWorker) => void posts.push(m);
    const predictor = createPredictor();
    predictor.weights({ type: 'load-weights', runId: 3, spec, dataShape: MNIST, weights, epoch: 2 }, post, buildModel);
    expect(posts.pop()).toEqual({ type: 'weights-loaded', runId: 3, problem: null });
    predictor.handle({ type: 'predict', runId: 3, requestId: 1, input: image.slice() }, post);
    const answer = posts.pop() as Extract<FromWorker, { type: 'prediction' }>;
    expect(answer.epoch).toBe(2);
    const diff = Math.max(...Array.from(answer.probabilities ?? [], (p, i) => Math.abs(p - (expected[i] as number))));
    expect(diff).toBeLessThan(1e-6);

    predictor.weights({ type: 'get-weights', runId: 3, requestId: 9 }, post, buildModel);
    const out = posts.pop() as Extract<FromWorker, { type: 'weights' }>;
    expect(out.weights?.map((w) => w.name)).toEqual(weights.map((w) => w.name));
    expect(out.weights?.[0]?.values).toEqual(weights[0]?.values);
    predictor.weights({ type: 'get-weights', runId: 4, requestId: 10 }, post, buildModel);
    expect(posts.pop()).toMatchObject({ type: 'weights', runId: 4, weights: null });

    // LeNet's weights for another network: refused, named, and the loaded model keeps answering.
    predictor.weights({ type: 'load-weights', runId: 5, spec: tinyCnn(), dataShape: MNIST, weights, epoch: 1 }, post, buildModel);
    expect(posts.pop()).toMatchObject({ type: 'weights-loaded', runId: 5, problem: expect.stringMatching(/conv1\/kernel has shape \[5, 5, 1, 6\], the network needs \[3, 3, 1, 8\]/) });
    predictor.handle({ type: 'predict', runId: 3, requestId: 2, input: image.slice() }, post);
    expect((posts.pop() as Extract<FromWorker, { type: 'prediction' }>).probabilities).not.toBeNull();

    predictor.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
