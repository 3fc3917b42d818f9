// One output cell's input region, against cases worked by hand on networks the app itself analyses.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from './analyze';
import { chain, conv2d, dense, flatten, gridDetect, input, maxPool2d, pixelSoftmax, softmax } from './dsl';
import { gridDetector } from './detectionNets';
import { denseOutput, outputCellField } from './outputField';

// 12x12 image -> two 3x3 convolutions without padding (10x10, 8x8) -> 2x2 pooling (4x4) -> the grid head.
const small = chain(input(), conv2d(4, 3), conv2d(4, 3), maxPool2d(2), gridDetect());
const smallAnalysis = analyzeModel(small, { inputShape: [12, 12, 1], numClasses: 3 });

describe('the input region of one output cell', () => {
  it('finds the dense head and its grid, and nothing for a class per image', () => {
    expect(denseOutput(smallAnalysis)).toEqual({ blockId: expect.any(String), kind: 'griddetect', rows: 4, cols: 4 });
    const classifier = chain(input(), conv2d(4, 3), flatten(), dense(3), softmax());
    expect(denseOutput(analyzeModel(classifier, { inputShape: [12, 12, 1], numClasses: 3 }))).toBeNull();
    expect(outputCellField(classifier, analyzeModel(classifier, { inputShape: [12, 12, 1], numClasses: 3 }), 0, 0)).toBeNull();
  });

  it('two 3x3 convolutions then a 2x2 pool: cell (1, 2) sees rows 2-7 and columns 4-9, a 6x6 patch', () => {
    // Pool: output row 1 reads rows 2-3 of the second conv; each 3x3 conv (stride 1, no padding) adds 2 rows below:
    // rows 2-5 of the first conv, rows 2-7 of the image. Columns: 4-5, 4-7, 4-9.
    const f = outputCellField(small, smallAnalysis, 1, 2);
    expect(f?.rows).toEqual({ lo: 2, hi: 7 });
    expect(f?.cols).toEqual({ lo: 4, hi: 9 });
    expect(f?.clippedRows).toEqual({ lo: 2, hi: 7 });
    // The 12x12 image over a 4x4 grid: each cell stands for 3x3 pixels, cell (1, 2) for rows 3-5, columns 6-8.
    expect(f?.ownRows).toEqual({ lo: 3, hi: 5 });
    expect(f?.ownCols).toEqual({ lo: 6, hi: 8 });
    expect(f?.wholeImage).toBe(false);
  });

  it("with 'same' padding the corner cell's field reaches past the image and is clipped to it", () => {
    const same = chain(input(), conv2d(4, 3, { padding: 'same' }), conv2d(4, 3, { padding: 'same' }), maxPool2d(2), pixelSoftmax());
    const analysis = analyzeModel(same, { inputShape: [8, 8, 1], numClasses: 3 });
    // Pool row 0: rows 0-1; each padded conv adds one row on each side: -1..2, then -2..3.
    const f = outputCellField(same, analysis, 0, 0);
    expect(f?.rows).toEqual({ lo: -2, hi: 3 });
    expect(f?.clippedRows).toEqual({ lo: 0, hi: 3 });
    expect(f?.clippedCols).toEqual({ lo: 0, hi: 3 });
    expect(outputCellField(same, analysis, 4, 0)).toBeNull();
    expect(outputCellField(same, analysis, 0.5, 0)).toBeNull();
  });

  it("the grid detector preset: each 8-pixel cell sees 38 pixels a side, the inner cells' fields lie inside the image", () => {
    const spec = gridDetector();
    const analysis = analyzeModel(spec, { inputShape: [64, 64, 1], numClasses: 11 });
    const f = outputCellField(spec, analysis, 3, 4);
    expect(f && f.rows.hi - f.rows.lo + 1).toBe(38);
    expect(f && f.cols.hi - f.cols.lo + 1).toBe(38);
    // Centred on the cell's own pixels 24-31 (rows) and 32-39 (columns).
    expect(f?.ownRows).toEqual({ lo: 24, hi: 31 });
    expect(f?.rows).toEqual({ lo: 9, hi: 46 });
    expect(f?.cols).toEqual({ lo: 17, hi: 54 });
  });
});
