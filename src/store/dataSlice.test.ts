import { describe, expect, it } from 'vitest';
import { SMALL_MNIST_TRAIN } from '../data/registry';
import type { LoadedDataset } from '../data/types';
import { createAppStore } from './appStore';
import { selectDatasetRef } from './dataSlice';

const custom: LoadedDataset = {
  meta: {
    format: 'cnnp-dataset', version: 1, id: 'custom', name: 'pets.zip', inputShape: [16, 16, 1], classNames: ['cat', 'dog', 'owl'],
    train: { count: 2, shards: [] }, test: { count: 1, shards: [] },
  },
  train: { count: 2, images: new Uint8Array(512), labels: new Uint8Array([0, 2]) },
  test: { count: 1, images: new Uint8Array(256), labels: new Uint8Array([1]) },
};

describe('dataset slice', () => {
  it('re-checks the network against the chosen dataset', () => {
    const store = createAppStore({ language: 'en' });
    expect(store.getState().dataShape.inputShape).toEqual([28, 28, 1]);
    store.getState().selectDataset('cifar10');
    expect(store.getState().datasetId).toBe('cifar10');
    expect(store.getState().dataShape).toEqual({ inputShape: [32, 32, 3], numClasses: 10 });
    expect(store.getState().analysis.valid).toBe(true); // LeNet-5 builds at 32x32x3 too
  });

  it('selects a dataset made from the user\'s images, and ignores "custom" before one exists', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().selectDataset('custom');
    expect(store.getState().datasetId).toBe('mnist');
    store.getState().setCustomDataset({ data: custom, unreadable: ['x.png: broken'] });
    expect(store.getState().datasetId).toBe('custom');
    expect(store.getState().dataShape).toEqual({ inputShape: [16, 16, 1], numClasses: 3 });
  });

  it('keeps the validation share within 0..0.5', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().setValidationFraction(0.2);
    store.getState().setValidationFraction(0.9);
    store.getState().setValidationFraction(-1);
    expect(store.getState().validationFraction).toBe(0.2);
  });

  it('tells the worker where to find the data', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().selectDataset('cifar10');
    expect(selectDatasetRef(store.getState(), { baseUrl: '/app/', trainLimit: 500 }))
      .toEqual({ url: '/app/data/cifar10/', trainLimit: 500, validationFraction: 0.1 });
    store.getState().setCustomDataset({ data: custom, unreadable: [] });
    expect(selectDatasetRef(store.getState(), { baseUrl: '/' })).toEqual({ kind: 'inline', data: custom, validationFraction: 0.1 });
  });

  it('trains small MNIST on the first images of MNIST\'s own files, or fewer where this machine limits them', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().selectDataset('mnist-small');
    expect(store.getState().dataShape).toEqual({ inputShape: [28, 28, 1], numClasses: 10 });
    expect(selectDatasetRef(store.getState(), { baseUrl: '/app/' })).toEqual({ url: '/app/data/mnist/', trainLimit: SMALL_MNIST_TRAIN, validationFraction: 0.1 });
    expect(selectDatasetRef(store.getState(), { baseUrl: '/app/', trainLimit: 100 })).toMatchObject({ trainLimit: 100 });
    expect(selectDatasetRef(store.getState(), { baseUrl: '/app/', trainLimit: 5000 })).toMatchObject({ trainLimit: SMALL_MNIST_TRAIN });
  });

  it('draws MNIST scenes in the worker from the app\'s MNIST folder, for detection or for segmentation', () => {
    const store = createAppStore({ language: 'en' });
    store.getState().selectDataset('mnistScenes');
    expect(store.getState().dataShape).toEqual({ inputShape: [64, 64, 1], numClasses: 11 });
    expect(selectDatasetRef(store.getState(), { baseUrl: '/app/', trainLimit: 50 })).toEqual({ kind: 'generated', generator: 'mnistScenes',
      seed: 26, trainCount: 50, testCount: 200, validationFraction: 0.1, digitsUrl: '/app/data/mnist/', task: 'detection' });
    store.getState().selectDataset('mnistSceneMasks');
    expect(selectDatasetRef(store.getState(), { baseUrl: '/' })).toMatchObject({ generator: 'mnistScenes', task: 'segmentation' });
  });
});
