// Lesson 5 (cs231n lectures 6-7): batch norm and dropout.
import { activation, batchNorm, chain, dense, dropout, flatten, input, softmax } from '../model/presets';
import { SMALL_MNIST_TRAIN } from '../data/registry';
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

/**
 * The dropout step's run: small MNIST (SMALL_MNIST_TRAIN images, a fifth held out for validation), long enough
 * for the training loss to reach about zero, at a learning rate that memorises quickly. Seconds on a laptop.
 */
export const OVERFIT = { epochs: 20, learningRate: 0.003, validationFraction: 0.2 } as const;

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
      // Measured with the step's settings (bench/node/overfit.node.ts: small MNIST, 400 images to train and 100 to
      // validate, 20 epochs, Adam 0.003, wasm; seeds 1/2/3). Without dropout the training loss ends at 0.002 in all
      // three; the validation loss is lowest at epoch 3/4/10 (0.430/0.318/0.300) and ends at 0.482/0.416/0.345, up
      // 0.05-0.10; validation accuracy ends at 88/88/90%, test 84.6/84.9/85.0%. With dropout 0.5 the training loss
      // stays higher every epoch (ends 0.011/0.010/0.017); the validation loss is lowest at 0.372/0.315/0.314 and ends
      // at 0.423/0.394/0.560, test 84.6/83.9/82.3%: better, the same or worse depending on the seed; after epoch 5 it
      // moves 0.022-0.050 an epoch on average, against 0.006-0.008 without dropout. On the whole of
      // MNIST (3 epochs, Adam 0.001) the same network without dropout reached 97.4-97.6% on the test set.
      title: { en: 'Overfitting and dropout', ko: '과적합과 드롭아웃' },
      body: {
        en: `A wide network (512 units, about 407,000 weights) trained on only ${SMALL_MNIST_TRAIN} MNIST images (MNIST ${SMALL_MNIST_TRAIN}: 400 to train, 100 held out for validation) learns them by heart. In our runs (three seeds, ${OVERFIT.epochs} epochs) the training loss fell to 0.002, almost zero, while the validation loss was lowest after 3 to 10 epochs (0.30-0.43) and then rose again, ending 0.04-0.10 higher; validation accuracy ended at 88-90%. From its lowest point on, the network fits its 400 images, not digits in general: that is overfitting, and the widening gap between the two losses shows it. Dropout switches off a random half of the units at every step, so no unit can rely on another; at test time all units work together. With it the training loss stayed higher in every epoch (it is measured with half the units off). On validation it did not win reliably: its lowest validation loss was lower in one run, the same in one and higher in one, and its validation loss jumped several times as much from epoch to epoch. On 400 images one dropout layer slows the memorising but does not stop it; more data is the surer cure (the same network on all 54,000 images reached about 97.5% on the test set, against about 85% here).`,
        ko: `넓은 네트워크(유닛 512개, 가중치 약 407,000개)를 MNIST 이미지 ${SMALL_MNIST_TRAIN}장(MNIST ${SMALL_MNIST_TRAIN}: 학습 400장, 검증용 100장)으로만 학습하면 이미지를 통째로 외웁니다. 시드 세 개로 ${OVERFIT.epochs} 에포크씩 실행해 보니 학습 손실은 0.002로 거의 0이 되었지만, 검증 손실은 3~10 에포크 뒤 가장 낮았다가(0.30~0.43) 다시 올라 0.04~0.10 높게 끝났고, 검증 정확도는 88~90%로 끝났습니다. 가장 낮은 지점부터 네트워크는 숫자 일반이 아니라 학습 이미지 400장에 맞춰집니다. 이것이 과적합이고, 두 손실 사이의 벌어지는 간격이 그것을 보여 줍니다. 드롭아웃은 매 단계 유닛의 무작위 절반을 끄므로 어떤 유닛도 다른 유닛에 기댈 수 없습니다. 테스트할 때는 모든 유닛이 함께 일합니다. 드롭아웃을 넣으면 학습 손실은 모든 에포크에서 더 높았습니다(유닛 절반을 끈 채 잰 값입니다). 검증에서는 확실히 이기지 못했습니다. 가장 낮은 검증 손실이 한 번은 더 낮고, 한 번은 같고, 한 번은 더 높았으며, 검증 손실이 에포크마다 몇 배 더 크게 흔들렸습니다. 이미지 400장에서는 드롭아웃 층 하나가 외우기를 늦추지만 막지는 못합니다. 더 확실한 치료는 데이터를 늘리는 것입니다(같은 네트워크를 54,000장 전부로 학습하면 테스트 정확도가 약 97.5%로, 여기의 약 85%보다 높았습니다).`,
      },
      formula: 'h\' = \\frac{m \\odot h}{1 - p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1 - p)',
      task: {
        en: `Train the network once as it is (${OVERFIT.epochs} epochs on MNIST ${SMALL_MNIST_TRAIN}) and open the Epochs panel: while the training loss in the chart falls to almost zero, the Validation loss column falls for a few epochs and then climbs. Note its lowest and its last value. Then add a dropout block (rate 0.5) after act1, before the output, train again, and compare the same two numbers.`,
        ko: `먼저 네트워크를 그대로 학습하고(MNIST ${SMALL_MNIST_TRAIN}, ${OVERFIT.epochs} 에포크) 에포크 패널을 여세요. 차트의 학습 손실이 거의 0까지 떨어지는 동안 검증 손실 열은 몇 에포크 줄다가 다시 올라갑니다. 가장 낮은 값과 마지막 값을 적어 두세요. 그다음 act1 뒤, 출력 앞에 드롭아웃 블록(비율 0.5)을 넣어 다시 학습하고 같은 두 값을 비교해 보세요.`,
      },
      // The student's own run with dropout, on the step's small set, for the step's epochs, validated every epoch.
      check: (ctx) => runFinished(ctx.state) && ctx.state.datasetId === 'mnist-small' && ctx.state.epochs.length >= OVERFIT.epochs &&
        ctx.results.run !== null && countKind(ctx.results.run.spec, 'dropout') > 0 &&
        ctx.state.epochs.every((e) => e.validationAccuracy !== undefined),
      hints: [{ en: 'Select act1 and add a dropout block after it.', ko: 'act1을 선택하고 그 뒤에 드롭아웃 블록을 추가하세요.' }],
      setup: {
        spec: () => wideNet(null), dataset: 'mnist-small', validationFraction: OVERFIT.validationFraction, panel: 'editor', block: 'act1',
        hyper: { epochs: OVERFIT.epochs, optimizer: 'adam', learningRate: OVERFIT.learningRate, batchSize: 64, schedule: { kind: 'constant' } },
      },
    },
  ],
};
