import type en from './viz.en';

// Messages of the 'viz' namespace (Korean): the same keys as viz.en.ts.
const ko: typeof en = {
  heading: '네트워크 들여다보기',
  intro: '입력 이미지 하나에 대해 각 블록이 무엇을 계산하는지 보여 줍니다. 학습하는 동안 1초에 몇 번씩 새로 고칩니다.',
  waiting: '학습을 시작하면 네트워크 안을 볼 수 있습니다.',
  input: {
    legend: '입력 이미지',
    index: '테스트 이미지 번호',
    prev: '이전',
    next: '다음',
    random: '무작위',
    outOfRange: '테스트 이미지 번호는 0부터 {{max}}까지 고를 수 있습니다.',
    notInteger: '이미지 번호는 정수여야 합니다.',
    drawn: '직접 그리거나 올린 이미지',
    useTest: '다시 테스트 이미지 사용',
    label: '정답: {{label}}',
    predicted: '네트워크의 답: {{label}} ({{percent}})',
  },
  maps: {
    heading: '특징 맵',
    hint: '작은 네모 하나가 블록 출력의 채널 하나입니다. 빨강은 양수, 파랑은 음수, 흰색은 0입니다. 맵을 누르면 크게 볼 수 있습니다.',
    norm: '색 범위 기준',
    modes: { channel: '채널별', layer: '블록별', global: '네트워크 전체' },
    label: '{{id}} · {{height}}×{{width}} · 채널 {{channels}}개',
    labelSome: '{{id}} · {{height}}×{{width}} · 채널 {{total}}개 중 앞의 {{channels}}개',
    labelResized: '{{id}} · {{fullHeight}}×{{fullWidth}}를 {{height}}×{{width}}로 줄여 표시 · 채널 {{channels}}개',
    labelVector: '{{id}} · 유닛 {{units}}개',
    labelVectorSome: '{{id}} · 유닛 {{total}}개 중 앞의 {{units}}개',
    detail: '{{id}}, 채널 {{channel}}',
    hover: 'x {{x}}, y {{y}}: {{value}}',
    close: '닫기',
  },
  filters: {
    heading: '필터와 클래스 템플릿',
    hint: '모든 합성곱의 가중치입니다. 행 하나가 필터 하나, 열 하나가 입력 채널 하나입니다(RGB 이미지를 바로 읽는 층은 컬러로 표시). 아래는 각 클래스로 들어가는 가중치를 이미지로 그린 것입니다.',
    kernels: '{{id}} · {{kh}}×{{kw}}×{{inChannels}} 필터 {{outChannels}}개',
    kernelsSome: '{{id}} · 필터 {{totalOut}}개 중 {{outChannels}}개, 입력 채널 {{totalIn}}개 중 {{inChannels}}개, {{kh}}×{{kw}}',
    templates: '{{id}} · 각 클래스로 들어가는 가중치 ({{height}}×{{width}}×{{channels}})',
    templatesFlat: '{{id}} · 유닛 {{units}}개에서 각 클래스로 들어가는 가중치',
    none: '이 네트워크에는 아직 합성곱 층이 없습니다.',
  },
  gradients: {
    heading: '기울기 흐름',
    hint: '가중치가 있는 층마다 손실의 기울기가 얼마나 큰지, 한 번의 업데이트가 가중치를 그 크기에 비해 얼마나 바꾸는지 보여 줍니다(1e-3 안팎이 건강한 값). 다른 선보다 훨씬 아래로 떨어진 선은 깊은 시그모이드 네트워크처럼 기울기가 그 층까지 오기 전에 사라진다는 뜻입니다.',
    gradNorm: '기울기 노름 ‖∂L/∂W‖',
    updateRatio: '업데이트 / 가중치 ‖ΔW‖ / ‖W‖',
    step: '스텝',
    empty: '첫 기울기 측정을 기다리는 중…',
  },
  saliency: {
    heading: '돌출 맵과 Grad-CAM',
    hint: '예측한 클래스({{label}})의 점수가 어느 픽셀에 가장 민감한지(기울기 돌출 맵), 마지막 합성곱 블록이 어디를 보았는지(Grad-CAM) 보여 줍니다.',
    hintNone: '예측한 클래스의 점수가 어느 픽셀에 가장 민감한지(기울기 돌출 맵), 마지막 합성곱 블록이 어디를 보았는지(Grad-CAM) 보여 줍니다.',
    input: '입력',
    saliency: '돌출 맵 |∂점수/∂픽셀|',
    gradCam: '{{layer}}의 Grad-CAM',
    noCam: '합성곱 블록이 없어 Grad-CAM을 만들 수 없습니다.',
  },
  show: '보기',
};

export default ko;
