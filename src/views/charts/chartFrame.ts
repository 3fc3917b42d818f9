// Where the parts of the training-curves chart go in the box it is given (pure, tested without a DOM):
// a thin legend row above the plot, the axes' labels in narrow margins, the learning-rate strip below the
// plot only once there are rates to draw, and tick counts from the pixels there are, so labels never
// overlap however small the box. The SVG is never taller or wider than the box (down to a 120x60 box).

export interface ChartMargin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface ChartFrame {
  readonly margin: ChartMargin;
  /** Width of the plot (inside the margins). */
  readonly width: number;
  /** Height of the plot and the learning-rate strip together. */
  readonly fullHeight: number;
  /** Height of the loss / accuracy plot. */
  readonly height: number;
  /** Height of the learning-rate strip (0 when there is none); it sits below the plot after GAP. */
  readonly lrStrip: number;
  readonly svgWidth: number;
  readonly svgHeight: number;
  /** How many ticks each axis asks d3 for. */
  readonly xTicks: number;
  readonly yTicks: number;
  readonly lrTicks: number;
}

export const MARGIN: ChartMargin = { top: 22, right: 44, bottom: 22, left: 48 };
/** Space between the plot and the learning-rate strip. */
export const LR_GAP = 8;
/** Pixels per y tick label (12 px text and room between), per x tick label. */
const Y_TICK_PX = 34;
const X_TICK_PX = 80;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Tick count for an axis `px` long: one label per `per` pixels, at least `min`, at most `max`. */
export const ticksFor = (px: number, per: number, min: number, max: number): number =>
  clamp(Math.floor(Math.max(0, px) / per), min, max);

export function chartFrame(boxWidth: number, boxHeight: number, hasRates: boolean): ChartFrame {
  const svgWidth = Math.max(120, Math.floor(boxWidth));
  const svgHeight = Math.max(60, Math.floor(boxHeight));
  const width = svgWidth - MARGIN.left - MARGIN.right;
  const fullHeight = svgHeight - MARGIN.top - MARGIN.bottom;
  // The strip takes a fifth of the height, between 28 and 64 px, and only when the plot keeps 60 px.
  const strip = clamp(Math.round(fullHeight * 0.2), 28, 64);
  const lrStrip = hasRates && fullHeight - strip - LR_GAP >= 60 ? strip : 0;
  const height = lrStrip > 0 ? fullHeight - lrStrip - LR_GAP : fullHeight;
  return {
    margin: MARGIN, width, fullHeight, height, lrStrip, svgWidth, svgHeight,
    xTicks: ticksFor(width, X_TICK_PX, 2, 8),
    yTicks: ticksFor(height, Y_TICK_PX, 2, 6),
    lrTicks: lrStrip >= 44 ? 2 : 1,
  };
}
