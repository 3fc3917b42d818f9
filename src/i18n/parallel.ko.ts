import type en from './parallel.en';

const ko: typeof en = {
  count_one: ' · 워커 {{count}}개',
  count_other: ' · 워커 {{count}}개',
  reason: {
    cores: '데이터 병렬: 논리 코어 {{cores}}개에 워커 {{count}}개 (코어가 2개면 모두, 3개부터는 하나를 페이지에 남김). 워커마다 배치의 제 몫에서 기울기를 구하고, 기울기를 평균해 단계마다 한 번 갱신합니다. 워커 하나일 때와 같은 갱신입니다. 배치 정규화는 몫마다 그 몫의 통계로 정규화합니다.',
    chosen: '워커 하나: 학습 패널에서 그렇게 골랐습니다.',
    'one-core': '워커 하나: 이 기기는 코어가 하나라고 하거나 코어 수를 알려 주지 않습니다.',
    gpu: '워커 하나: GPU 백엔드는 이미 GPU에서 병렬로 계산합니다. 워커를 늘리면 같은 GPU를 기다릴 뿐입니다.',
    'small-batch': '워커 하나: 예시 하나짜리 배치는 나눌 수 없습니다.',
    'no-workers': '워커 하나: 이 브라우저는 학습 워커 안에서 워커를 띄울 수 없습니다.',
    failed: '워커 하나: 보조 워커가 멈췄거나 시작하지 못했습니다 ({{detail}}).',
  },
  setting: '워커 하나로만 학습',
  settingHint: '끄면 CPU 백엔드에서 모든 코어가 배치마다 함께 계산합니다 (데이터 병렬).',
};

export default ko;
