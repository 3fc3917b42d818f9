// IoU, non-maximum suppression and mAP@0.5 on cases worked by hand (against torchvision:
// src/train/exportChecks/torchvisionBoxes.test.ts).
import { describe, expect, it } from 'vitest';
import { iou, type Box } from './iou';
import { averagePrecision, meanAveragePrecision, type Detection, type GroundTruth } from './meanAp';
import { nms, nmsSteps } from './nms';

describe('IoU', () => {
  it('is the overlap over the union, worked by hand', () => {
    expect(iou([0, 0, 2, 2], [1, 1, 3, 3])).toBeCloseTo(1 / 7, 12); // overlap 1, union 4 + 4 - 1
    expect(iou([0, 0, 4, 2], [2, 0, 6, 2])).toBeCloseTo(4 / 12, 12); // half of each: 4 / (8 + 8 - 4)
    expect(iou([0, 0, 2, 2], [0, 0, 2, 2])).toBe(1);
    expect(iou([0, 0, 2, 2], [2, 0, 4, 2])).toBe(0); // touching edges share no area
    expect(iou([0, 0, 2, 2], [5, 5, 6, 6])).toBe(0);
    expect(iou([1, 1, 1, 1], [1, 1, 1, 1])).toBe(0); // two empty boxes: no union, no overlap
    expect(iou([0, 0, 10, 10], [2, 2, 4, 4])).toBeCloseTo(0.04, 12); // inside: 4 / 100
  });
});

describe('non-maximum suppression', () => {
  // Two cars, each found twice, and a third box that overlaps the first car only a little.
  const boxes: Box[] = [[0, 0, 10, 10], [1, 1, 11, 11], [20, 0, 30, 10], [21, 0, 31, 10], [8, 0, 18, 10]];
  const scores = [0.9, 0.8, 0.7, 0.95, 0.6];

  it('keeps the best box of each object and says which box dropped which, worked by hand', () => {
    // IoU(0, 1) = 81 / 119 = 0.68; IoU(3, 2) = 90 / 110 = 0.82; IoU(0, 4) = 20 / 180 = 0.11.
    const result = nmsSteps(boxes, scores, 0.5);
    expect(result.kept).toEqual([3, 0, 4]);
    expect(result.suppressed.map(({ index, by }) => [index, by])).toEqual([[2, 3], [1, 0]]);
    expect(result.suppressed[1]?.iou).toBeCloseTo(81 / 119, 12);
  });

  it('drops only overlaps above the threshold', () => {
    expect(nms(boxes, scores, 0.05)).toEqual([3, 0]); // box 4 overlaps box 0 by 0.11 > 0.05; box 3 by 0
    expect(nms(boxes, scores, 0.9)).toEqual([3, 0, 1, 2, 4]);
    expect(nms([[0, 0, 2, 2], [0, 0, 2, 2]], [0.5, 0.5], 0.5)).toEqual([0]); // equal scores: the first stays
    expect(() => nms(boxes, [1], 0.5)).toThrow(/5 boxes but 1 scores/);
  });
});

describe('mean average precision at IoU 0.5', () => {
  it('ranks, matches and integrates the precision envelope, worked by hand', () => {
    // Two truths; detections by score: hit, miss, hit. Precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1:
    // the envelope is 1 up to recall 1/2, then 2/3: AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
    expect(averagePrecision([true, false, true], 2)).toBeCloseTo(5 / 6, 12);
    expect(averagePrecision([false, true], 1)).toBeCloseTo(0.5, 12);
    expect(averagePrecision([], 3)).toBe(0);
  });

  it('counts a second detection of one object as a false positive, and averages over classes with truths', () => {
    const truths: GroundTruth[] = [
      { image: 0, label: 0, box: [0, 0, 10, 10] }, { image: 1, label: 0, box: [0, 0, 10, 10] }, { image: 0, label: 1, box: [20, 20, 30, 30] },
    ];
    const detections: Detection[] = [
      { image: 0, label: 0, box: [0, 0, 10, 10], score: 0.9 }, // hit
      { image: 0, label: 0, box: [1, 0, 11, 10], score: 0.8 }, // the same car again: false positive
      { image: 1, label: 0, box: [5, 5, 15, 15], score: 0.7 }, // IoU 25/175: miss
      { image: 1, label: 0, box: [0, 0, 9, 10], score: 0.6 }, // IoU 0.9: hit
      { image: 0, label: 1, box: [20, 20, 30, 30], score: 0.5 }, // hit
      { image: 0, label: 2, box: [0, 0, 5, 5], score: 0.99 }, // a class without truths: not averaged
    ];
    const result = meanAveragePrecision(detections, truths);
    // Class 0: hit, FP, FP, hit of 2 truths: precision 1, .5, .33, .5; AP = .5 * 1 + .5 * .5 = 0.75. Class 1: 1.
    expect(result.perClass.map((c) => [c.label, c.truths, c.detections])).toEqual([[0, 2, 4], [1, 1, 1]]);
    expect(result.perClass[0]?.ap).toBeCloseTo(0.75, 12);
    expect(result.map).toBeCloseTo((0.75 + 1) / 2, 12);
    expect(meanAveragePrecision(detections, truths, 0.95).perClass[0]?.ap).toBeCloseTo(0.5, 12); // the IoU-0.9 hit no longer counts
    expect(meanAveragePrecision([], []).map).toBeNaN();
  });
});
