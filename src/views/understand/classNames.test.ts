// Every understanding view names classes through classNamesOf: the current dataset's names, never a fixed
// list of ten.
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { classNamesOf } from './classNames';

const en = i18n.getFixedT('en', 'walk');
const ko = i18n.getFixedT('ko', 'walk');

describe('classNamesOf', () => {
  it('gives MNIST its digits', () => {
    expect(classNamesOf({ datasetId: 'mnist', customNames: null, numClasses: 10 }, en)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('gives CIFAR-10 its names in the UI language', () => {
    const source = { datasetId: 'cifar10', customNames: null, numClasses: 10 } as const;
    expect(classNamesOf(source, en)).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    expect(classNamesOf(source, ko)).toEqual(['비행기', '자동차', '새', '고양이', '사슴', '개', '개구리', '말', '배', '트럭']);
  });

  it('gives own images their folder names, as many as there are classes, untranslated', () => {
    const source = { datasetId: 'custom', customNames: ['cat', 'mug', '고양이'], numClasses: 3 } as const;
    expect(classNamesOf(source, en)).toEqual(['cat', 'mug', '고양이']);
    expect(classNamesOf(source, ko)).toEqual(['cat', 'mug', '고양이']);
  });

  it('falls back to numbers, one per class, when the names do not match the network', () => {
    expect(classNamesOf({ datasetId: 'custom', customNames: null, numClasses: 4 }, en)).toEqual(['0', '1', '2', '3']);
    expect(classNamesOf({ datasetId: 'mnist', customNames: null, numClasses: 3 }, en)).toEqual(['0', '1', '2']);
  });
});
