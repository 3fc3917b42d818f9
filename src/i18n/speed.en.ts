// Messages of the speed work: why the automatic backend choice ended where it did.
export default {
  /** After "Running on …" when 'auto' timed several backends. */
  measured: ' · fastest in a short timed test ({{times}} per step)',
  measuredTime: '{{name}} {{ms}} ms',
};
