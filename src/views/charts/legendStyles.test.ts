import { describe, expect, it } from 'vitest';
import { legendStyles } from './chartParts';
import en from '../../i18n/chartFrame.en';
import ko from '../../i18n/chartFrame.ko';

const full = { loss: 'Loss', accuracy: 'Accuracy', testAccuracy: 'Test accuracy', validation: 'Validation', meanIoU: 'Test mean IoU' };

describe('the chart legend', () => {
  it('names the test mean IoU ring where a run has IoU points, and only there', () => {
    const short = { ...en.marks, testAccuracy: en.marks.test, meanIoU: en.marks.iou };
    const withIoU = legendStyles(full, short, true);
    expect(withIoU.map((s) => s.key)).toEqual(['loss', 'accuracy', 'test', 'validation', 'iou']);
    // Drawn as the chart draws the points: a hollow ring, dashed.
    expect(withIoU.at(-1)).toMatchObject({ text: 'IoU', title: 'Test mean IoU', marker: 'hollow', dash: '2 2' });
    expect(legendStyles(full, short, false).map((s) => s.key)).not.toContain('iou');
    expect(ko.marks.iou).toBe('IoU');
  });
});
