import { describe, expect, it } from 'vitest';
import { classIoUOf, createMaskCollector, imageIoU } from './masks';

describe('mask bookkeeping', () => {
  it('gives an image the mean IoU of the classes in its truth or prediction (hand-worked)', () => {
    // Background: I 2, U 3; class 1: I 1, U 2; class 2 absent from both: not counted.
    expect(imageIoU([0, 0, 1, 1], [0, 0, 0, 1], 3)).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(imageIoU([1, 1], [2, 2], 3)).toBe(0);
    expect(imageIoU([0, 0], [0, 0], 3)).toBe(1);
  });

  it('reads each class IoU off a pixel confusion matrix', () => {
    // rows true, columns predicted: class 0 I 5, U 5 + 1 + 2 = 8; class 1 I 3, U 3 + 2 + 1 = 6; class 2 never seen.
    const m = [5, 1, 0, 2, 3, 0, 0, 0, 0];
    const iou = classIoUOf(m, 3);
    expect(iou[0]).toBeCloseTo(5 / 8, 12);
    expect(iou[1]).toBeCloseTo(3 / 6, 12);
    expect(iou[2]).toBeNaN();
  });

  it('counts pixels, keeps the chosen images in order and the lowest-IoU images lowest first', () => {
    const truths = [[0, 1], [1, 1], [0, 0], [1, 0]];
    const acc = createMaskCollector({ numClasses: 2, pixels: 2, chosen: [3, 0], keepWorst: 2, truth: (i) => truths[i]! });
    acc.add([2, 0], [0, 0, 0, 1]); // image 2 right (IoU 1), image 0 right (1)
    acc.add([1, 3], [0, 1, 0, 1]); // image 1: class 1 I 1 U 2, class 0 I 0 U 1 -> 0.25; image 3 all wrong -> 0
    expect(Array.from(acc.matrix)).toEqual([3, 1, 2, 2]);
    expect(acc.chosen().map((m) => [m.index, Array.from(m.predicted)])).toEqual([[3, [0, 1]], [0, [0, 1]]]);
    expect(acc.worst().map((m) => [m.index, m.iou])).toEqual([[3, 0], [1, 0.25]]);
  });
});
