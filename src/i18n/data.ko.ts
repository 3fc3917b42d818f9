import type en from './data.en';

// Messages of the 'data' namespace (Korean): the same keys as data.en.ts.
const ko: typeof en = {
  heading: '데이터',
  dataset: '데이터셋',
  custom: '내 이미지: {{name}}',
  summary: '{{shape}} 이미지, 클래스 {{classes}}개, 학습 이미지 {{train}}장, 테스트 이미지 {{test}}장',
  download: '처음 학습할 때 약 {{mb}}MB를 내려받습니다.',
  classes: '클래스: {{names}}',
  validation: '검증용 (학습 이미지의 %)',
  validationHeld_one: '학습 이미지 {{images}}장을 따로 떼어 두고, 한 번도 학습하지 않은 이미지로 네트워크를 확인합니다.',
  validationHeld_other: '학습 이미지 {{images}}장을 따로 떼어 두고, 한 번도 학습하지 않은 이미지로 네트워크를 확인합니다.',
  validationNone: '검증용 데이터 없음: 모든 학습 이미지로 학습합니다.',
  epochValidation: '검증 정확도',
  byo: {
    heading: '내 이미지로 데이터셋 만들기',
    help: '클래스마다 폴더 하나(cat/, dog/, …), 또는 train/<클래스>/와 test/<클래스>/ 폴더. 폴더나 .zip 파일을 여기에 끌어다 놓거나 고르세요:',
    drop: '이미지 폴더나 .zip 파일을 여기에 끌어다 놓으세요',
    chooseZip: '.zip 파일 고르기',
    chooseFolder: '폴더 고르기',
    size: '이미지 크기 (픽셀)',
    colour: '색',
    colourRgb: '컬러 (RGB)',
    colourGrey: '흑백',
    found: '{{name}}에서 이미지 {{images}}장, 클래스 {{classes}}개 (학습 {{train}}장, 테스트 {{test}}장)',
    heldOut: 'test/ 폴더가 없어서 클래스마다 5분의 1을 테스트용으로 떼어 둡니다.',
    memory: '메모리가 약 {{size}} 필요합니다 (안전 한도 {{limit}}).',
    tooLarge: '너무 큽니다: 필요한 메모리 {{size}}가 안전 한도 {{limit}}를 넘습니다. 이미지 크기를 줄이거나 흑백을 고르세요.',
    tooLargeNoFit: '너무 큽니다: 가장 작은 이미지 크기로도 안전 메모리 한도 {{limit}}를 넘습니다. 이미지 수를 줄이세요.',
    suggest: '한도 안에 드는 가장 큰 크기는 {{size}} × {{size}}입니다.',
    build: '데이터셋 만들기',
    building: '이미지 읽는 중… {{done}} / {{total}}',
    reading: '파일 읽는 중…',
    made: '준비 완료: 클래스 {{classes}}개, 학습 이미지 {{train}}장, 테스트 이미지 {{test}}장. 지금 선택된 데이터셋입니다.',
    classCounts: '클래스별 이미지 수',
    unreadable_one: '파일 {{count}}개를 읽지 못해 뺐습니다:',
    unreadable_other: '파일 {{count}}개를 읽지 못해 뺐습니다:',
    error: '이 파일들을 쓸 수 없습니다: {{message}}',
    plan: {
      noImages: '이미지가 없습니다. 클래스마다 폴더 하나에 넣어 주세요 (cat/1.png, dog/1.png, …).',
      oneClass: '분류기에는 클래스가 두 개 이상 필요한데 {{count}}개뿐입니다. 클래스마다 폴더를 따로 만드세요.',
      noTest: '테스트 이미지가 없습니다: train/ 옆에 test/ 폴더를 두거나, 클래스 폴더마다 이미지를 더 넣으세요.',
      testOnlyClass: '테스트 폴더의 “{{name}}” 클래스에는 학습 이미지가 없습니다.',
    },
  },
};

export default ko;
