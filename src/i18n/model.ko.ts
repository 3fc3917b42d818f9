// 'model' 네임스페이스의 한국어 메시지. 숫자 자리표시자 바로 뒤에 조사가 붙지 않도록 문장을 짰다
// (받침 유무에 따라 '이/가'가 바뀌기 때문): "크기({{kernel}})가", "{{count}}개" 같은 꼴을 쓴다.
import type en from './model.en';

const ko: typeof en = {
  kind: {
    input: '입력',
    conv2d: '합성곱',
    activation: '활성화 함수',
    maxpool2d: '최대 풀링',
    avgpool2d: '평균 풀링',
    flatten: '평탄화 (Flatten)',
    dense: '완전 연결 (Dense)',
    softmax: '소프트맥스 출력',
  },
  field: {
    filters: '필터 수',
    kernel: '커널 크기',
    stride: '스트라이드',
    padding: '패딩',
    units: '유닛 수',
    size: '풀링 크기',
    fn: '함수',
    id: '블록 ID',
    inputShape: '입력 크기',
    numClasses: '클래스 수',
  },
  hint: {
    filters: '1 이상의 정수를 입력해 주세요.',
    kernel: '1 이상의 정수를 입력해 주세요.',
    stride: '1 이상의 정수를 입력해 주세요.',
    padding: '"valid", "same" 또는 0 이상의 정수를 입력해 주세요.',
    units: '1 이상의 정수를 입력해 주세요.',
    size: '1 이상의 정수를 입력해 주세요.',
    fn: 'ReLU, 시그모이드, tanh, linear 중에서 골라 주세요.',
    id: '영문자나 숫자로 시작하고 영문자, 숫자, "-", "_", "."만 쓴 64자 이하여야 합니다.',
    inputShape: '데이터셋 입력의 각 크기는 1 이상의 정수여야 합니다.',
    numClasses: '데이터셋에는 클래스가 1개 이상 있어야 합니다.',
  },
  axis: {
    height: '높이',
    width: '너비',
    both: '높이와 너비',
  },
  padding: {
    valid: '없음 (valid)',
    same: '크기 유지 (same)',
    explicit: '양쪽에 {{value}}픽셀씩',
  },
  activation: {
    relu: 'ReLU',
    sigmoid: '시그모이드',
    tanh: 'tanh',
    linear: '없음 (linear)',
  },
  issue: {
    duplicateId: '같은 ID("{{id}}")를 쓰는 블록이 둘 있습니다. 블록마다 ID가 달라야 합니다.',
    unknownKind: '알 수 없는 블록 종류입니다: "{{kind}}"',
    unknownInput: '이 블록의 입력으로 지정된 블록("{{input}}")이 없습니다.',
    missingInput: '이 블록에 입력이 없습니다. 앞 블록과 연결해 주세요.',
    wrongInputCount: '이 블록은 입력을 {{expected}}개 받는데, {{actual}}개가 연결되어 있습니다.',
    cycle: '이 블록이 순환 고리 안에 있어서 데이터가 자기 자신에게 되돌아옵니다. 고리의 연결 하나를 끊어 주세요.',
    noInputBlock: '네트워크에 입력 블록이 없습니다.',
    multipleInputBlocks: '입력 블록이 {{count}}개 있습니다. 입력 블록은 하나만 있어야 합니다.',
    noOutput: '소프트맥스 출력 블록이 없습니다. 클래스를 예측할 수 있도록 마지막에 출력 블록을 넣어 주세요.',
    multipleOutputs: '네트워크의 끝에 출력 블록이 {{count}}개 있습니다. 출력 블록은 하나만 있어야 합니다.',
    outputNotLast: '소프트맥스 출력은 맨 마지막 블록이어야 합니다. 그 뒤에는 어떤 블록도 올 수 없습니다.',
    deadEnd: '이 블록의 출력이 어디에도 쓰이지 않습니다. 다음 블록에 연결하거나 삭제해 주세요.',
    unreachable: '이 블록은 네트워크에 연결되어 있지 않습니다.',
    invalidValue: '$t(model:field.{{field}}) 값이 올바르지 않습니다 (입력한 값: {{value}}). $t(model:hint.{{field}})',
    needsSpatialInput:
      '이 블록은 이미지(높이 × 너비 × 채널) 위에서 윈도우를 움직이는데, 들어오는 입력의 크기가 {{shape}}입니다. 평탄화(Flatten) 블록보다 앞에 두세요.',
    denseNeedsFlatten: '이 블록은 한 줄로 펼친 입력이 필요한데, 들어오는 입력의 크기가 {{shape}}입니다. 앞에 평탄화(Flatten) 블록을 넣어 주세요.',
    kernelTooLarge:
      '윈도우({{kernel}}×{{kernel}})가 입력({{height}}×{{width}}, 패딩 {{padding}})보다 커서 출력을 만들 수 없습니다. 윈도우를 줄이거나, 패딩을 늘리거나, 이 블록 앞의 풀링을 줄여 보세요.',
    strideDoesNotFit:
      '스트라이드가 {{stride}}일 때 {{kernel}}픽셀 윈도우가 $t(model:axis.{{axis}}) 방향({{input}}픽셀)으로 딱 맞아떨어지지 않아, 마지막 {{dropped}}픽셀은 계산에 한 번도 쓰이지 않습니다.',
    tooLarge: '이 블록의 출력에 숫자가 {{elements}}개 들어가야 해서, 브라우저가 다룰 수 있는 한도({{limit}}개)를 넘습니다.',
    tooManyParams: '이 블록의 파라미터가 {{params}}개라서, 브라우저가 다룰 수 있는 한도({{limit}}개)를 넘습니다.',
  },
  preset: {
    lenet5: 'LeNet-5 (대표적인 CNN)',
    mlp: '간단한 MLP (합성곱 없음)',
    tinyCnn: '작은 CNN (빠름)',
  },
};

export default ko;
