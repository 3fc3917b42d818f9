import type en from './link.en';

// Messages of the 'link' namespace (Korean): the same keys as link.en.ts.
const ko: typeof en = {
  copyLink: '링크 복사',
  copyLinkHint: '이 네트워크와 데이터셋, 학습 설정을 그대로 다시 여는 주소를 복사합니다.',
  linkCopied: '링크를 복사했습니다. 이 링크를 열면 지금 실험이 그대로 열립니다.',
  customDataNotShared: '직접 만든 이미지 데이터셋은 링크에 담을 수 없어서, 링크를 여는 사람에게는 그렇다는 안내와 함께 MNIST로 열립니다.',
  notShareable: '이 네트워크는 링크에 담을 수 없어서(너무 크거나 링크에 담을 수 없는 설정이 있습니다) 복사하지 않았습니다.',
  copyFailed: '여기서는 자동 복사가 허용되지 않았습니다. 아래 글을 선택해 직접 복사해 주세요.',
  notice: {
    heading: '이 링크를 그대로 열 수 없었습니다.',
    dismiss: '닫기',
  },
  problem: {
    unknownVersion: '다른 버전의 플레이그라운드에서 만든 링크라서(링크 형식 “{{version}}”) 기본 실험을 대신 보여 줍니다.',
    badEncoding: '네트워크 부분이 손상되어(링크에 쓸 수 없는 문자가 있습니다) 기본 네트워크를 대신 보여 줍니다.',
    tooLong: '링크가 너무 깁니다({{length}}자, 최대 {{limit}}자). 기본 네트워크를 대신 보여 줍니다.',
    badDeflate: '네트워크 부분이 손상되어 압축을 풀 수 없습니다. 기본 네트워크를 대신 보여 줍니다.',
    tooLarge: '네트워크 부분의 압축을 풀면 {{limit}}바이트를 넘어서 열지 않았습니다. 기본 네트워크를 대신 보여 줍니다.',
    badJson: '네트워크 부분이 손상되어 읽을 수 없는 데이터입니다. 기본 네트워크를 대신 보여 줍니다.',
    forbiddenKey: '네트워크 부분에 쓸 수 없는 이름 “{{key}}”이(가) 있어서 열지 않았습니다. 기본 네트워크를 대신 보여 줍니다.',
    unknownKind: '이 플레이그라운드에 없는 블록 종류(“{{kind}}”)를 쓰고 있어서 기본 네트워크를 대신 보여 줍니다.',
    badSpec: '네트워크의 “{{where}}” 설정값이 범위를 벗어났거나 형식이 맞지 않아 기본 네트워크를 대신 보여 줍니다.',
    ignoredFields: '올바르지 않은 학습 설정이 있어 기본값으로 바꾸었습니다: {{names}}.',
    busy: '학습이 네트워크를 쓰고 있습니다. 학습을 멈춘 뒤 링크를 다시 열어 주세요.',
    customData: '직접 가져온 이미지로 만든 실험입니다. 이미지는 링크에 담기지 않고 새로고침하면 사라지므로 MNIST로 대신 엽니다. “내 이미지로 데이터셋 만들기”에서 이미지를 다시 넣어 주세요.',
  },
  summary: {
    copy: '요약 복사',
    copyHint: 'Keras 형식의 요약표를 텍스트로 복사합니다.',
    copied: '요약을 텍스트로 복사했습니다.',
    showCosts: '계산 비용 보기',
    flops: '곱셈-덧셈 횟수',
    flopsHint: '예시 한 개에 드는 곱셈-덧셈 연산 수입니다(FLOPs는 대략 그 두 배입니다).',
    memory: '활성값 메모리',
    memoryHint: '예시 한 개에 대해 이 블록의 출력이 차지하는 메모리입니다(32비트 실수 기준).',
    receptiveField: '수용 영역',
    wholeInput: '입력 이미지 전체를 봅니다(패딩 포함).',
    receptiveFieldHint: '출력값 하나가 볼 수 있는 입력 픽셀 범위(높이 × 너비)입니다.',
  },
};

export default ko;
