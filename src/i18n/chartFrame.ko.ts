// Messages of the 'chartFrame' namespace (Korean): the loss chart's compact header and legend words.
export default {
  savedRun: '저장된 실행 {{n}}',
  exploded: '발산, 위쪽 잘림',
  marks: { loss: '손실', accuracy: '정확도', test: '테스트', validation: '검증', iou: 'IoU' },
  mapMarks: { test: '테스트 mAP', validation: '검증 mAP' },
  logShort: '로그',
  smoothingShort: '평활',
  tools: '차트 옵션',
};
