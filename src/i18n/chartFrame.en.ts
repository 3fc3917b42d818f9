// Messages of the 'chartFrame' namespace (English): the loss chart's compact header and legend words.
export default {
  savedRun: 'saved run {{n}}',
  exploded: 'diverged, cut at the top',
  marks: { loss: 'loss', accuracy: 'accuracy', test: 'test', validation: 'validation', iou: 'IoU' },
  mapMarks: { test: 'test mAP', validation: 'validation mAP' },
  logShort: 'log',
  smoothingShort: 'smooth',
  tools: 'Chart options',
};
