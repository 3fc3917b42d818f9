// The boxes view's NMS walk on a hand-worked case: three boxes over one digit and one over another; the
// score threshold leaves out the faint one, and the IoU threshold decides which overlapping ones drop.
import { describe, expect, it } from 'vitest';
import type { CellBox } from '../../tasks/detectionGrid';
import { nmsWalk } from './nmsWalk';

const cell = (score: number, box: readonly [number, number, number, number], label = 3): CellBox =>
  ({ row: 0, col: 0, box, label, score, objectness: score });
// A: [0,0,10,10]; B: [0,0,10,12] (IoU with A 100/120); C: [5,0,15,10] (IoU with A 50/150); D far away; E faint.
const cells = [cell(0.6, [0, 0, 10, 12]), cell(0.9, [0, 0, 10, 10]), cell(0.5, [5, 0, 15, 10]), cell(0.8, [30, 30, 40, 40], 7), cell(0.1, [0, 0, 10, 10])];

describe('NMS walk', () => {
  it('numbers boxes by score, keeps the best, drops what overlaps it above the IoU threshold, in order', () => {
    const walk = nmsWalk(cells, 0.3, 0.5);
    expect(walk.candidates.map((c) => c.score)).toEqual([0.9, 0.8, 0.6, 0.5]);
    expect(walk.belowThreshold).toBe(1);
    expect(walk.steps).toEqual([
      { kind: 'keep', rank: 1 },
      { kind: 'suppress', rank: 3, by: 1, iou: 100 / 120 },
      { kind: 'keep', rank: 2 },
      { kind: 'keep', rank: 4 },
    ]);
    expect([...walk.kept]).toEqual([1, 2, 4]);
    expect([...walk.droppedBy]).toEqual([[3, 1]]);
  });

  it('a lower IoU threshold drops the half-overlapping box too; a higher score threshold leaves it out', () => {
    const loose = nmsWalk(cells, 0.3, 0.3);
    expect(loose.steps).toEqual([
      { kind: 'keep', rank: 1 },
      { kind: 'suppress', rank: 3, by: 1, iou: 100 / 120 },
      { kind: 'suppress', rank: 4, by: 1, iou: 50 / 150 },
      { kind: 'keep', rank: 2 },
    ]);
    const strict = nmsWalk(cells, 0.55, 0.3);
    expect(strict.candidates).toHaveLength(3);
    expect(strict.belowThreshold).toBe(2);
  });
});
