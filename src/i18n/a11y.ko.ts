// Messages of the 'a11y' namespace (Korean): text alternatives for charts.
export default {
  blockTable: '네트워크의 블록 표, 블록마다 한 줄 (넓으면 옆으로 스크롤)',
  chart: {
    noData: '아직 학습 데이터가 없습니다.',
    latest: '최근 값: 배치 {{step}}, 학습 손실 {{loss}}, 학습 정확도 {{accuracy}}%.',
    latestLoss: '최근 값: 배치 {{step}}, 학습 손실 {{loss}}.',
    showTable: '데이터를 표로 보기',
    hideTable: '표 숨기기',
    caption_one: '손실 곡선의 점 {{count}}개, 배치 {{step}}까지 (표를 연 시점 기준)',
    caption_other: '손실 곡선의 점 {{count}}개, 배치 {{step}}까지 (표를 연 시점 기준)',
    step: '배치',
    loss: '학습 손실',
    accuracy: '학습 정확도',
  },
};
