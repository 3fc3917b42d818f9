import type en from './run.en';

// Messages of the 'run' namespace (Korean): the same keys as run.en.ts.
const ko: typeof en = {
  failure: {
    tooLarge: '이 네트워크는 배치 크기 {{batch}}에서 약 {{memory}}가 필요해 {{backend}}에서 안전한 {{limit}}을 넘습니다. 배치나 네트워크를 줄이세요.',
    hyperParams: '학습 설정 하나가 범위를 벗어났습니다({{detail}}). 학습 패널에서 고친 뒤 다시 학습하세요.',
    dataset: '데이터셋을 불러오지 못했습니다({{detail}}). 연결을 확인하고 다시 학습하세요.',
    validationSplit: '검증용 몫을 떼어 두지 못했습니다({{detail}}). 더 작은 몫을 고르세요.',
    backend: '이 브라우저에서 계산 방식(tfjs 백엔드)을 하나도 시작하지 못했습니다({{detail}}).',
    buildModel: '네트워크를 만들지 못했습니다({{detail}}). 편집기에 표시된 블록을 확인하세요.',
    workerFailed: '학습 워커가 시작하지 못했습니다({{detail}}). 페이지를 새로 고친 뒤 다시 학습하세요.',
    workerSilent: '학습 워커가 오류 뒤에 응답을 멈췄습니다. 메모리가 모자랐을 수 있습니다. 네트워크와 설정은 그대로이니 더 작은 네트워크나 배치로 다시 학습하세요.',
    unknown: '오류로 학습이 멈췄습니다: {{detail}}',
    taskOutput: '네트워크의 출력은 {{output}}인데 이 데이터셋에는 {{expected}}가 필요합니다. 과제에 맞는 출력 블록으로 끝내세요. 픽셀마다 클래스를 고르는 데이터셋(도형 분할)에는 픽셀별 분류기, 이미지마다 클래스 하나면 소프트맥스 출력입니다.',
  },
  groups: {
    optimizer: '가중치를 움직이는 방법',
    schedule: '학습률 스케줄',
    data: '배치, 에포크, 데이터',
    pixelLoss: '픽셀별 손실',
    boxLoss: '검출 손실 가중치',
  },
  optimizer: {
    label: '옵티마이저',
    names: {
      sgd: 'SGD', momentum: 'SGD + 모멘텀', nesterov: '네스테로프 모멘텀', adam: 'Adam', rmsprop: 'RMSProp',
      adadelta: 'Adadelta', adagrad: 'Adagrad',
    },
    help: {
      sgd: '가장 기본적인 경사 하강법입니다. 매 단계 가중치를 기울기의 반대 방향으로, 학습률만큼 옮깁니다.',
      momentum: '속도를 기억해 두어서, 기울기가 계속 가리키는 방향으로는 걸음이 점점 커집니다.',
      nesterov: '한 걸음 앞을 내다본 뒤 고치는 모멘텀입니다. 대개 조금 더 안정적입니다.',
      adam: '가중치마다 최근 기울기를 보고 걸음 크기를 맞춥니다. 무난한 기본값입니다(학습률 약 0.001).',
      rmsprop: '기울기 제곱의 이동 평균으로 걸음을 나눕니다(학습률 약 0.001).',
      adadelta: '걸음 크기를 스스로 맞춥니다. 학습률 1 정도로 쓰도록 만들어졌습니다.',
      adagrad: '이미 많이 움직인 가중치일수록 걸음이 작아집니다(학습률 약 0.01~0.1).',
    },
  },
  learningRate: '학습률',
  learningRateLive: '학습 중에도 바꿀 수 있고, 다음 배치부터 적용됩니다.',
  liveRate: '현재: {{rate}}',
  momentum: '모멘텀',
  pixelLoss: {
    dice: 'Dice 손실 가중치',
    diceHelp: '픽셀별 교차 엔트로피에 1 − Dice(클래스마다 예측 마스크와 정답 마스크가 겹치는 정도)를 더합니다. 0이면 끕니다. 1을 시도해 보세요.',
    balance: '드문 클래스에 더 큰 가중치',
    balanceHelp: '학습 마스크에서 드문 클래스일수록 그 픽셀을 더 크게 셉니다. 작은 물체도 배경만큼 중요해집니다.',
  },
  boxLoss: {
    coord: '상자 가중치(λ_coord)',
    coordHelp: '물체가 있는 칸에서 상자 제곱 오차(중심, √너비, √높이)를 얼마나 크게 셀지 정합니다. YOLO v1은 5를 씁니다. 0이면 상자를 배우지 않습니다.',
    noObject: '빈 칸 가중치(λ_noobj)',
    noObjectHelp: '물체가 없는 칸의 물체 여부 오차를 얼마나 크게 셀지 정합니다. YOLO v1은 0.5를 써서, 수많은 빈 칸이 물체가 있는 몇 안 되는 칸을 덮어 버리지 않게 합니다.',
  },
  weightDecay: 'L2 가중치 감쇠',
  weightDecayHelp: '매 단계 모든 가중치를 0 쪽으로 조금씩 당깁니다. 0이면 끕니다. 0.0005를 시도해 보세요.',
  schedule: {
    label: '스케줄',
    kinds: { constant: '고정', step: '계단식 감소', cosine: '코사인' },
    help: {
      constant: '학습 내내 같은 학습률을 씁니다.',
      step: '몇 에포크마다 학습률에 일정한 비율을 곱합니다.',
      cosine: '학습이 진행되는 동안 학습률을 반주기 코사인 곡선을 따라 최솟값까지 부드럽게 낮춥니다.',
    },
    everyEpochs: 'N 에포크마다',
    factor: '곱할 비율',
    minFactor: '마지막 비율(학습률 대비)',
  },
  augmentation: {
    flip: '무작위 좌우 뒤집기',
    flipHelp: '학습 이미지의 절반을 좌우로 뒤집습니다. 사진에는 좋지만 숫자에는 맞지 않습니다(뒤집힌 2는 2가 아닙니다).',
    shift: '무작위 이동(픽셀)',
    shiftHelp: '학습 이미지를 이 픽셀 수까지 무작위로 옮깁니다. 0이면 끕니다.',
  },
  seedHelp: '시드가 같으면 초기 가중치, 데이터 순서, 증강, 드롭아웃이 같아서 같은 백엔드에서 같은 손실 곡선이 나옵니다.',
  step: '한 배치',
  stepHelp: '배치 하나만 학습하고 일시 정지합니다.',
  estimate: {
    line: '메모리 약 {{memory}} · {{backend}}에서 에포크당 약 {{time}}',
    auto: '자동 선택 백엔드',
    refused: '이 신경망은 배치 크기 {{batch}}에서 메모리가 약 {{memory}} 필요해서, {{backend}}에서 안전한 {{limit}}를 넘습니다. 배치나 신경망을 줄이세요.',
    seconds: '{{n}}초',
    minutes: '{{n}}분',
    hours: '{{n}}시간',
  },
  diverged: {
    title: '손실이 폭발해서 학습이 스스로 멈췄습니다.',
    nan: '{{step}}번째 배치({{epoch}} 에포크)에서 손실이 NaN 또는 무한대가 되었습니다. 가중치가 넘쳐흘렀습니다.',
    exploding: '{{step}}번째 배치({{epoch}} 에포크)까지 손실이 처음의 {{start}}에서 {{loss}}(으)로 올라가 내려오지 않았습니다.',
    spiked: '{{peakStep}}번째 배치에서 손실이 처음의 {{start}}에서 {{peak}}(으)로 튀었습니다. {{step}}번째 배치({{epoch}} 에포크)까지 {{recent}}(으)로 다시 내려왔지만, 그동안 이동 평균이 처음보다 훨씬 높게 머물렀습니다.',
    advice: '이 신경망에는 학습률({{rate}})이 너무 큰 것 같습니다. {{suggested}}(으)로 해 보세요.',
    apply: '{{suggested}} 적용',
  },
};

export default ko;
