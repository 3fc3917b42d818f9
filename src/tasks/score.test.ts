import { describe, expect, it } from 'vitest';
import { epochScore, scoredPerBatch, scoreKindOf } from './score';

describe('the score a task is judged by', () => {
  it('is accuracy for one class per image or per pixel, and mAP@0.5 for a detector', () => {
    expect(scoreKindOf(undefined)).toBe('accuracy');
    expect(scoreKindOf('classification')).toBe('accuracy');
    expect(scoreKindOf('segmentation')).toBe('accuracy');
    expect(scoreKindOf('detection')).toBe('meanAP');
  });

  it("takes a detector's epoch score from its mAP, never from the cell accuracy the worker also reports", () => {
    const e = { testAccuracy: 0.97, validationAccuracy: 0.96, testMeanAP: 0.31, validationMeanAP: 0.28 };
    expect(epochScore(e, 'meanAP')).toEqual({ test: 0.31, validation: 0.28 });
    expect(epochScore(e, 'accuracy')).toEqual({ test: 0.97, validation: 0.96 });
    expect(epochScore({ testAccuracy: 0.97 }, 'meanAP')).toEqual({ test: undefined, validation: undefined });
    expect(scoredPerBatch('accuracy')).toBe(true);
    expect(scoredPerBatch('meanAP')).toBe(false);
  });
});
