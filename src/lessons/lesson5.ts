// Lesson 5 (cs231n lectures 6-7): batch norm and dropout.
import { activation, batchNorm, chain, conv2d, dense, dropout, flatten, input, maxPool2d, softmax } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { countKind, runFinished } from './checks';
import type { Lesson } from './types';

/** A small conv net, with or without batch norm after each convolution. */
export function smallConvNet(withBn: boolean): ModelSpec {
  const norm = (withBn ? [batchNorm()] : []);
  return chain(
    input(),
    conv2d(16, 3, { padding: 'same', useBias: !withBn }), ...norm, activation('relu'), maxPool2d(2),
    conv2d(32, 3, { padding: 'same', useBias: !withBn }), ...norm, activation('relu'), maxPool2d(2),
    flatten(), dense(64), activation('relu'), softmax(),
  );
}

/** A wide dense network that memorises a small training set, with an optional dropout block. */
export function wideNet(rate: number | null): ModelSpec {
  return chain(input(), flatten(), dense(512), activation('relu'), ...(rate === null ? [] : [dropout(rate)]), softmax());
}

export const lesson5: Lesson = {
  id: 5,
  title: { en: 'Batch norm and dropout', ko: '배치 정규화와 드롭아웃' },
  source: { en: 'cs231n lectures 6 and 7', ko: 'cs231n 6강, 7강' },
  steps: [
    {
      id: 'batchNorm',
      title: { en: 'Higher learning rates with batch norm', ko: '배치 정규화로 더 높은 학습률을' },
      body: {
        en: 'Batch norm rescales each channel to zero mean and unit variance over the batch, then applies a learned scale γ and shift β. Every layer then sees inputs of a steady size, which tolerates learning rates that make the plain network wobble or stall.',
        ko: '배치 정규화는 채널마다 배치 평균 0, 분산 1로 맞춘 뒤 학습되는 배율 γ와 이동 β를 적용합니다. 그러면 모든 층이 일정한 크기의 입력을 받아서, 평범한 네트워크라면 흔들리거나 멈출 학습률도 견딥니다.',
      },
      formula: '\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}, \\qquad y = \\gamma\\,\\hat{x} + \\beta',
      task: {
        en: 'Run the two networks side by side with plain SGD at learning rate 0.5: one without and one with batch norm. Compare the curves.',
        ko: '학습률 0.5의 기본 SGD로 배치 정규화가 없는 네트워크와 있는 네트워크를 나란히 실행하고 곡선을 비교하세요.',
      },
      check: ({ results }) => results.compare.length >= 2 &&
        results.compare.some((r) => countKind(r.spec, 'batchnorm') > 0) &&
        results.compare.some((r) => countKind(r.spec, 'batchnorm') === 0) &&
        results.compare.every((r) => r.phase === 'done' || r.diverged),
      hints: [{ en: 'The table under the chart lists each run\'s final numbers.', ko: '차트 아래 표에 실행별 최종 수치가 있습니다.' }],
      setup: {
        spec: () => smallConvNet(false), dataset: 'mnist', panel: 'compare',
        hyper: { optimizer: 'sgd', learningRate: 0.5, batchSize: 64, epochs: 1, seed: 1, schedule: { kind: 'constant' } },
        compare: [
          { label: { en: 'no batch norm', ko: '배치 정규화 없음' }, spec: () => smallConvNet(false) },
          { label: { en: 'batch norm', ko: '배치 정규화' }, spec: () => smallConvNet(true) },
        ],
      },
      predict: {
        question: { en: 'At learning rate 0.5, which network will do better?', ko: '학습률 0.5에서 어느 네트워크가 더 잘할까요?' },
        options: [{ en: 'Without batch norm', ko: '배치 정규화 없는 쪽' }, { en: 'With batch norm', ko: '배치 정규화 있는 쪽' }, { en: 'The same', ko: '같다' }],
        answer: 1,
        reveal: { en: 'Normalised layers keep their inputs in range, so the large steps do not blow the activations up.', ko: '정규화된 층은 입력을 일정 범위에 두므로 큰 걸음에도 활성값이 폭주하지 않습니다.' },
      },
    },
    {
      id: 'dropout',
      title: { en: 'Overfitting and its cure', ko: '과적합과 그 치료' },
      body: {
        en: 'A wide network can memorise its training images: training loss keeps falling while validation accuracy stops improving. Dropout switches off a random half of the units at every step, so no unit can rely on another; at test time all units work together.',
        ko: '넓은 네트워크는 학습 이미지를 외울 수 있습니다. 학습 손실은 계속 줄지만 검증 정확도는 더 오르지 않습니다. 드롭아웃은 매 단계 유닛의 무작위 절반을 끄므로 어떤 유닛도 다른 유닛에 기댈 수 없습니다. 테스트할 때는 모든 유닛이 함께 일합니다.',
      },
      formula: 'h\' = \\frac{m \\odot h}{1 - p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1 - p)',
      task: {
        en: 'Add a dropout block (rate 0.5) before the output, keep a validation split, and train for 3 epochs; watch validation against training.',
        ko: '출력 앞에 드롭아웃 블록(비율 0.5)을 넣고, 검증 데이터를 남겨 둔 채 3 에폭 학습하세요. 학습과 검증을 비교해 보세요.',
      },
      check: (ctx) => runFinished(ctx.state) && ctx.state.epochs.length >= 3 && ctx.results.run !== null &&
        countKind(ctx.results.run.spec, 'dropout') > 0 && ctx.state.epochs.every((e) => e.validationAccuracy !== undefined),
      hints: [{ en: 'Select act1 and add a dropout block after it.', ko: 'act1을 선택하고 그 뒤에 드롭아웃 블록을 추가하세요.' }],
      setup: { spec: () => wideNet(null), dataset: 'mnist', panel: 'editor', block: 'act1', hyper: { epochs: 3, optimizer: 'adam', learningRate: 0.001 } },
    },
  ],
};
