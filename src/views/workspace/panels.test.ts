// The side panel's tabs: a panel for one kind of network is shown only while it applies, after the others, so
// the first nine (keys 1-9) stay the same for every network and the tab row does not grow for views that
// would only say "not for this network".
import { describe, expect, it } from 'vitest';
import { lenet5Mnist } from '../../model/presets';
import { vitTiny } from '../../model/presetVit';
import { gridDetector } from '../../model/detectionNets';
import { shownPanelKey } from './panels';

const NINE = 'data block maps predict results saliency gradients arith epochs';

describe('the shown panels', () => {
  it('a CNN on MNIST: no boxes and no attention tab; keys 1-9 open the same nine as always', () => {
    const ids = shownPanelKey({ datasetId: 'mnist', spec: lenet5Mnist() }).split(' ');
    expect(ids).not.toContain('boxes');
    expect(ids).not.toContain('attention');
    expect(ids.slice(0, 9).join(' ')).toBe(NINE);
  });

  it('a grid detector, or any network on a detection dataset: the boxes tab, after the others', () => {
    const ids = shownPanelKey({ datasetId: 'mnistScenes', spec: gridDetector() }).split(' ');
    expect(ids.at(-1)).toBe('boxes');
    expect(ids.slice(0, 9).join(' ')).toBe(NINE);
    expect(shownPanelKey({ datasetId: 'mnistScenes', spec: lenet5Mnist() }).split(' ')).toContain('boxes');
    expect(shownPanelKey({ datasetId: 'mnist', spec: gridDetector() }).split(' ')).toContain('boxes');
  });

  it('a transformer: the attention tab, after the others', () => {
    const ids = shownPanelKey({ datasetId: 'mnist', spec: vitTiny() }).split(' ');
    expect(ids.at(-1)).toBe('attention');
    expect(ids).not.toContain('boxes');
    expect(ids.slice(0, 9).join(' ')).toBe(NINE);
  });
});
