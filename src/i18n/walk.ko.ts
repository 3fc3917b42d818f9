// Messages of the 'walk' namespace (Korean).
export default {
  train: {
    studyShape: '{{name}}은(는) 논문 그대로 {{shape}} 입력용이라 여기 있는 데이터셋 어디에도 맞지 않으므로 공부용으로만 보여 줍니다. 학습하려면 학습 가능한 프리셋(예: LeNet-5)을 고르세요.',
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
  classNames: {
    cifar10: { airplane: '비행기', automobile: '자동차', bird: '새', cat: '고양이', deer: '사슴', dog: '개',
      frog: '개구리', horse: '말', ship: '배', truck: '트럭' },
    shapes: { background: '배경', circle: '원', square: '정사각형', triangle: '삼각형' },
    mnistScenes: { background: '배경' },
    mnistSceneMasks: { background: '배경' },
  },
  backendReason: {
    noGpu: '자동: GPU 없음',
    software: '자동: GPU 렌더러가 소프트웨어({{detail}})라서 WebAssembly가 더 빠름',
    gpu: '자동: GPU 렌더러 {{detail}}',
    user: '직접 고름',
    fellBack: '{{detail}}(으)로 대신 실행',
    noWebgl: 'WebGL을 쓸 수 없음: {{detail}}',
    webgpu: '자동: WebGPU 어댑터 {{detail}}',
    webgpuSoftware: 'WebGPU 건너뜀: 어댑터가 소프트웨어({{detail}})',
    noWebgpuAdapter: 'WebGPU를 쓸 수 없음: 브라우저가 GPU 어댑터를 주지 않음',
    noWebgpu: 'WebGPU를 쓸 수 없음: {{detail}}',
  },
  flow: {
    nodeHelp: 'Enter나 스페이스로 블록을 고른 뒤, 화살표 키로 옮기고 Delete로 지우며 Esc로 취소합니다.',
    nodeHelpNoKeys: 'Enter나 스페이스로 블록을 고릅니다.',
    moved: '블록을 {{direction}}(으)로 옮김: x {{x}}, y {{y}}',
    direction: { up: '위', down: '아래', left: '왼쪽', right: '오른쪽' },
    edgeHelp: 'Enter나 스페이스로 연결을 고르고, Delete로 지우며 Esc로 취소합니다.',
    controls: '캔버스 조작',
    zoomIn: '확대',
    zoomOut: '축소',
    fitView: '네트워크 전체 보기',
    interactive: '캔버스 잠금 또는 풀기',
    minimap: '전체 지도',
    handle: '연결점',
  },
  predict: {
    hintPhotos: '클래스({{classes}}) 가운데 하나의 사진을 올리거나 검은 판에 그려 보세요. 이 네트워크는 사진으로 배웠으므로 그림으로는 알 수 있는 것이 적습니다.',
  },
  link: {
    noVersion: '링크 형식 표시(v=)가 없어 여기서 “링크 복사”로 만든 링크가 아닙니다. 기본 실험을 대신 보여 줍니다.',
    param: {
      data: '데이터셋', val: '검증 비율', opt: '옵티마이저', lr: '학습률', mom: '모멘텀', sched: '학습률 스케줄',
      wd: '가중치 감쇠', aug: '데이터 증강', bs: '배치 크기', ep: '에포크 수', seed: '난수 시드', labels: '학습에 쓸 레이블',
    },
  },
  stale: {
    network: '이 결과는 학습할 때의 네트워크에서 나온 것입니다. 그 뒤에 네트워크를 고쳤으니, 지금 보이는 네트워크의 결과를 보려면 다시 학습하세요.',
    statusNetwork: '그 뒤 네트워크 수정됨',
  },
};
