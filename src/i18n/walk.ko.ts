// Messages of the 'walk' namespace (Korean).
export default {
  train: {
    fixBlock: '먼저 네트워크를 고쳐 주세요. {{block}}: {{reason}}',
    fixFields: '학습하기 전에 다음 칸을 고치세요 (보이는 값이 학습에 쓰이지 않습니다): {{names}}.',
  },
  diverged: {
    tested: '몇 개의 배치로 짧게 시험해 보니 {{suggested}}에서 이 신경망이 학습됩니다.',
    testing: '학습되는 학습률을 찾는 중…',
    status: '학습 중단: 손실이 폭발했습니다 (학습 패널을 보세요).',
  },
  upload: {
    tooSmall: '“{{name}}”은(는) {{width}}×{{height}} 픽셀밖에 되지 않아 아무것도 알아볼 수 없습니다. 가로세로 {{min}} 픽셀 이상인 그림을 쓰세요.',
    resizedGrey: '“{{name}}”({{width}}×{{height}})을(를) 회색조로 바꾸고, 배경이 밝으면 반전한 뒤, MNIST 숫자처럼 {{w}}×{{h}} 안에 줄여서 가운데에 놓았습니다.',
    resizedColour: '“{{name}}”({{width}}×{{height}})의 가운데를 네트워크 입력 비율로 잘라 {{w}}×{{h}}(으)로 줄였습니다.',
  },
  stale: {
    network: '이 결과는 학습할 때의 네트워크에서 나온 것입니다. 그 뒤에 네트워크를 고쳤으니, 지금 보이는 네트워크의 결과를 보려면 다시 학습하세요.',
    statusNetwork: '그 뒤 네트워크 수정됨',
  },
};
