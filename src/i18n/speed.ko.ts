import type en from './speed.en';

const ko: typeof en = {
  measured: ' · 짧은 시간 측정에서 가장 빠름 (한 단계에 {{times}})',
  measuredTime: '{{name}} {{ms}} ms',
};

export default ko;
