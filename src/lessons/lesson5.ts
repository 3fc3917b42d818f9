// Lesson 5 (cs231n lectures 6-7): batch norm and dropout.
import { activation, batchNorm, chain, dense, dropout, flatten, input, softmax } from '../model/presets';
import { COMPARE_HIDE } from './hide';
import type { ModelSpec } from '../model/spec';
import { countKind, runFinished, sameData } from './checks';
import type { Lesson } from './types';

/**
 * Six dense layers of 64 sigmoid units, as lesson 4's network that does not learn, with or without batch norm
 * between each layer and its sigmoid. With plain SGD the plain one barely leaves chance in an epoch; batch norm
 * keeps every sigmoid in its steep middle, and the same network learns (measured on MNIST over 3 seeds).
 */
export function deepSigmoidNet(withBn: boolean): ModelSpec {
  const layer = () => (withBn ? [dense(64, { useBias: false }), batchNorm(), activation('sigmoid')] : [dense(64), activation('sigmoid')]);
  return chain(input(), flatten(), ...Array.from({ length: 6 }, layer).flat(), softmax());
}

/** A wide dense network that memorises a small training set, with an optional dropout block. */
export function wideNet(rate: number | null): ModelSpec {
  return chain(input(), flatten(), dense(512), activation('relu'), ...(rate === null ? [] : [dropout(rate)]), softmax());
}

/** The batch-norm step's learning rate (plain SGD). */
export const BN_RATE = 0.5;

/** What the runs showed on MNIST, 3 seeds (the lessons' full-data measurement); the student's own table is next to it. */
const BN_REVEAL = {
  en: 'In our runs on MNIST (three seeds) the plain network stayed at chance, about 10%, with its loss flat at 2.30, while the batch-norm one reached about 93%. Look at the table and the curves: the plain loss hardly moves from its start, the batch-norm loss falls from the first steps. Normalised inputs keep each sigmoid in its steep middle, so the gradient reaches the first layers.',
  ko: 'MNIST에서 시드 세 개로 실행해 보니 평범한 네트워크는 손실이 2.30에 머문 채 찍기 수준(약 10%)에 그쳤고, 배치 정규화 네트워크는 약 93%에 이르렀습니다. 표와 곡선을 보세요. 평범한 쪽의 손실은 처음 자리에서 거의 움직이지 않고, 배치 정규화 쪽은 처음부터 떨어집니다. 정규화된 입력이 시그모이드를 가파른 가운데에 두어 그래디언트가 첫 층까지 도달합니다.',
};

export const lesson5: Lesson = {
  id: 5,
  title: { en: 'Batch norm and dropout', ko: '배치 정규화와 드롭아웃' },
  source: { en: 'cs231n lectures 6 and 7', ko: 'cs231n 6강, 7강' },
  steps: [
    {
      id: 'batchNorm',
      title: { en: 'Batch norm in a deep sigmoid network', ko: '깊은 시그모이드 네트워크와 배치 정규화' },
      body: {
        en: 'Lesson 4\'s six sigmoid layers barely learned: their inputs drift out of the sigmoid\'s steep middle and the gradient fades on the way back. Batch norm rescales each unit to zero mean and unit variance over the batch, then applies a learned scale γ and shift β. Every layer then sees inputs of a steady size, and each sigmoid stays where it has a slope.',
        ko: '4강의 시그모이드 층 여섯 개는 거의 배우지 못했습니다. 층의 입력이 시그모이드의 가파른 가운데를 벗어나, 거꾸로 전해지는 그래디언트가 사라지기 때문입니다. 배치 정규화는 유닛마다 배치 평균 0, 분산 1로 맞춘 뒤 학습되는 배율 γ와 이동 β를 적용합니다. 그러면 모든 층이 일정한 크기의 입력을 받고, 시그모이드마다 기울기가 있는 곳에 머뭅니다.',
      },
      formula: '\\hat{x} = \\frac{x - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}, \\qquad y = \\gamma\\,\\hat{x} + \\beta',
      task: {
        en: `Run the six-layer sigmoid network side by side, once plain and once with a batch-norm block before each sigmoid (plain SGD, learning rate ${BN_RATE}, one epoch), then read the test accuracy of each in the table.`,
        ko: `시그모이드 층 여섯 개인 네트워크를 그대로 한 번, 시그모이드마다 앞에 배치 정규화 블록을 넣어 한 번 나란히 실행하고(기본 SGD, 학습률 ${BN_RATE}, 1 에포크) 표에서 각각의 테스트 정확도를 읽어 보세요.`,
      },
      // Both of the step's own networks trained to the end at the step's own rate: the table then holds the result.
      check: ({ results }) => [false, true].every((bn) => results.compare.some((r) =>
        r.phase === 'done' && sameData(r.spec, deepSigmoidNet(bn)) && r.hyper.learningRate === BN_RATE && r.hyper.optimizer === 'sgd')),
      hints: [{ en: 'The table under the chart lists each run\'s test accuracy; the curves show how fast each loss falls.', ko: '차트 아래 표에 실행별 테스트 정확도가 있고, 곡선은 손실이 얼마나 빨리 떨어지는지 보여 줍니다.' }],
      setup: {
        spec: () => deepSigmoidNet(false), dataset: 'mnist', panel: 'compare', hide: COMPARE_HIDE,
        hyper: { optimizer: 'sgd', learningRate: BN_RATE, batchSize: 64, epochs: 1, seed: 1, schedule: { kind: 'constant' } },
        compare: [
          { label: { en: 'no batch norm', ko: '배치 정규화 없음' }, spec: () => deepSigmoidNet(false) },
          { label: { en: 'batch norm', ko: '배치 정규화' }, spec: () => deepSigmoidNet(true) },
        ],
      },
      predict: {
        question: { en: 'After one epoch, which network will have the higher test accuracy?', ko: '1 에포크 뒤 어느 네트워크의 테스트 정확도가 더 높을까요?' },
        options: [{ en: 'Without batch norm', ko: '배치 정규화 없는 쪽' }, { en: 'With batch norm', ko: '배치 정규화 있는 쪽' }, { en: 'The same', ko: '같다' }],
        answer: 1,
        reveal: { en: BN_REVEAL.en, ko: BN_REVEAL.ko },
      },
    },
    {
      id: 'dropout',
      // Measured on MNIST with the step's settings (3 seeds, bench/node/overfit.node.ts): without dropout the mean
      // training loss per epoch 0.24, 0.09-0.10, 0.06, validation loss 0.13-0.14, 0.09-0.11, 0.09, validation accuracy
      // 96.0-96.3%, 96.9-97.3%, 97.4%, test 97.4-97.6%; with dropout 0.5 validation 96.9-97.2% and test 97.4-97.5%.
      title: { en: 'Overfitting and its cure', ko: '과적합과 그 치료' },
      body: {
        en: 'A wide network starts to memorise its training images. In our runs (MNIST, three seeds) its training loss kept falling every epoch (about 0.24, 0.09, 0.06) and ended well below the validation loss (about 0.09), which fell more slowly; validation accuracy rose less each epoch, to about 97.4%. Three epochs on 54,000 images are too few for it to get worse. Dropout switches off a random half of the units at every step, so no unit can rely on another; at test time all units work together. With it the training loss stays higher (it is measured with half the units off), and in three epochs the validation accuracy is no better: the cure shows in longer runs and on smaller data.',
        ko: '넓은 네트워크는 학습 이미지를 외우기 시작합니다. MNIST에서 시드 세 개로 실행해 보니 학습 손실은 에포크마다 계속 줄어(약 0.24, 0.09, 0.06) 더 천천히 줄어든 검증 손실(약 0.09)보다 한참 낮게 끝났고, 검증 정확도는 에포크마다 덜 올라 약 97.4%에 이르렀습니다. 54,000장으로 3 에포크는 검증 성능이 나빠지기에는 짧습니다. 드롭아웃은 매 단계 유닛의 무작위 절반을 끄므로 어떤 유닛도 다른 유닛에 기댈 수 없습니다. 테스트할 때는 모든 유닛이 함께 일합니다. 드롭아웃을 넣으면 학습 손실은 더 높게 나오고(유닛 절반을 끈 채 잰 값입니다) 3 에포크 안에서는 검증 정확도가 더 낫지 않습니다. 그 효과는 더 오래 학습하거나 데이터가 적을 때 드러납니다.',
      },
      formula: 'h\' = \\frac{m \\odot h}{1 - p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1 - p)',
      task: {
        en: 'Add a dropout block (rate 0.5) before the output, keep a validation split, and train for 3 epochs; watch validation against training.',
        ko: '출력 앞에 드롭아웃 블록(비율 0.5)을 넣고, 검증 데이터를 남겨 둔 채 3 에포크 학습하세요. 학습과 검증을 비교해 보세요.',
      },
      check: (ctx) => runFinished(ctx.state) && ctx.state.epochs.length >= 3 && ctx.results.run !== null &&
        countKind(ctx.results.run.spec, 'dropout') > 0 && ctx.state.epochs.every((e) => e.validationAccuracy !== undefined),
      hints: [{ en: 'Select act1 and add a dropout block after it.', ko: 'act1을 선택하고 그 뒤에 드롭아웃 블록을 추가하세요.' }],
      setup: { spec: () => wideNet(null), dataset: 'mnist', panel: 'editor', block: 'act1', hyper: { epochs: 3, optimizer: 'adam', learningRate: 0.001 } },
    },
  ],
};
