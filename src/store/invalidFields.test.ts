import { describe, expect, it } from 'vitest';
import { createSeries } from '../metrics/series';
import type { TrainingClient } from '../train/api/client';
import { createAppStore, selectCanTrain, selectInvalidFieldNames } from './appStore';
import { createRunController } from './runController';

describe('a field showing invalid text', () => {
  it('blocks Train, named, until it is valid again or leaves the screen', () => {
    const store = createAppStore({ language: 'en' });
    const starts: number[] = [];
    const client = { start: () => starts.push(1), subscribe: () => () => {}, configureProbes() {}, dispose() {} } as unknown as TrainingClient;
    const run = createRunController(store, client, { loss: createSeries('l'), accuracy: createSeries('a') }, { url: '/d/' });
    const s = () => store.getState();
    s().setFieldInvalid('hyper:learningRate', 'Learning rate');
    s().setFieldInvalid('block:conv1:kernel', 'conv1 · Kernel');
    expect(selectCanTrain(s())).toBe(false);
    expect(selectInvalidFieldNames(s())).toBe('Learning rate, conv1 · Kernel');
    run.start();
    run.step();
    expect(starts).toEqual([]);
    s().setFieldInvalid('hyper:learningRate', null);
    s().setFieldInvalid('block:conv1:kernel', null);
    expect(selectCanTrain(s())).toBe(true);
    run.start();
    expect(starts).toEqual([1]);
  });
});
