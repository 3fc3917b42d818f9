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
 * for the training loss to reach about zero and the validation loss to turn back up. Seconds on a laptop.
 */
export const OVERFIT = { epochs: 20, learningRate: 0.001, validationFraction: 0.2 } as const;

/** The batch-norm step's learning rate (plain SGD). */
export const BN_RATE = 0.5;

/** What the runs showed on MNIST, 3 seeds (the lessons' full-data measurement); the student's own table is next to it. */
const BN_REVEAL = {
  en: 'In our runs on MNIST (three seeds) the plain network stayed at chance, about 10%, with its loss flat at 2.30, while the batch-norm one reached about 93%. Look at the table and the curves: the plain loss hardly moves from its start, the batch-norm loss falls from the first steps. Normalised inputs keep each sigmoid in its steep middle, so the gradient reaches the first layers.',
  ko: 'MNIST에서 시드 세 개로 실행해 보니 평범한 네트워크는 손실이 2.30에 머문 채 찍기 수준(약 10%)에 그쳤고, 배치 정규화 네트워크는 약 93%에 이르렀습니다. 표와 곡선을 보세요. 평범한 쪽의 손실은 처음 자리에서 거의 움직이지 않고, 배치 정규화 쪽은 처음부터 떨어집니다. 정규화된 입력이 시그모이드를 가파른 가운데에 두어 그래디언트가 첫 층까지 도달합니다.',
};

/** What the dropout step's runs showed (the figures in the step's comment); shown once the student has predicted. */
const DROPOUT_REVEAL = {
  en: `In our runs (three seeds, ${OVERFIT.epochs} epochs) the training loss without dropout fell to 0.008, almost zero, while the validation loss was lowest after 8 or 9 epochs (0.26-0.35) and then rose by about 0.03 by the last epoch. With dropout the training loss stayed higher at every epoch (it is measured with half the units off), and the validation loss was lower at every epoch from the 13th on, in all three runs, ending 0.02-0.05 lower; test accuracy ended 0.3-0.6 points higher (about 91.3% against 90.9%). Dropout narrows the gap but does not close it; more data does more: the same network trained on all 54,000 images reached about 97.5%. Your own two runs are in the Epochs panel.`,
  ko: `시드 세 개로 ${OVERFIT.epochs} 에포크씩 실행해 보니 드롭아웃이 없을 때 학습 손실은 0.008로 거의 0이 되었지만, 검증 손실은 8~9 에포크 뒤 가장 낮았다가(0.26~0.35) 마지막 에포크까지 약 0.03 다시 올랐습니다. 드롭아웃을 넣으면 학습 손실은 모든 에포크에서 더 높았고(유닛 절반을 끈 채 잰 값입니다), 검증 손실은 세 실행 모두 13 에포크부터 매 에포크 더 낮아 0.02~0.05 낮게 끝났습니다. 테스트 정확도는 0.3~0.6%p 높게 끝났습니다(약 91.3% 대 90.9%). 드롭아웃은 간격을 줄이지만 없애지는 못합니다. 데이터를 늘리는 편이 더 큰 효과를 냅니다. 같은 네트워크를 54,000장 전부로 학습하면 약 97.5%에 이르렀습니다. 직접 실행한 두 결과는 에포크 패널에 있습니다.`,
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
      // Measured with the step's settings (bench/node/overfit.node.ts: MNIST 2000, 1,600 images to train and 400 to
      // validate, 20 epochs, Adam 0.001, wasm; seeds 1/2/3). Without dropout the training loss ends at 0.008 in all
      // three; the validation loss is lowest at epoch 8/8/9 (0.296/0.348/0.262) and ends at 0.325/0.372/0.291, up
      // 0.024-0.029; test 91.1/90.8/90.7%. With dropout 0.5 the training loss is higher at every epoch (ends
      // 0.043/0.037/0.041) and the validation loss is below the plain run's at every epoch from the 13th on, in all
      // three: it ends at 0.278/0.329/0.271 (0.020-0.047 lower), test 91.5/91.1/91.2%. Validation accuracy does not
      // separate them (92.8/91.5/91.5% against 92.5/91.0/91.8%). On the whole of MNIST (3 epochs, Adam 0.001) the same
      // network without dropout reached 97.4-97.6% on the test set. On 500 images (Adam 0.003) dropout did not win
      // reliably, so the step uses 2,000.
      title: { en: 'Overfitting and dropout', ko: '과적합과 드롭아웃' },
      body: {
        en: `A wide network (512 units, about 407,000 weights) trained on only ${SMALL_MNIST_TRAIN} MNIST images (1,600 to train, 400 held out for validation) starts to learn them by heart: the training loss goes on falling towards zero while the validation loss stops falling and creeps back up. From then on the network fits its 1,600 images, not digits in general: that is overfitting, and the gap between the two losses shows it. Dropout switches off a random share p of the units at every step, so no unit can rely on another; the units kept are scaled up so their sum stays the same on average, and at test time all units work together.`,
        ko: `넓은 네트워크(유닛 512개, 가중치 약 407,000개)를 MNIST 이미지 ${SMALL_MNIST_TRAIN}장(학습 1,600장, 검증용 400장)으로만 학습하면 이미지를 외우기 시작합니다. 학습 손실은 계속 0을 향해 줄지만 검증 손실은 줄기를 멈추고 조금씩 다시 올라갑니다. 그때부터 네트워크는 숫자 일반이 아니라 학습 이미지 1,600장에 맞춰집니다. 이것이 과적합이고, 두 손실 사이의 간격이 그것을 보여 줍니다. 드롭아웃은 매 단계 유닛의 무작위 비율 p를 끄므로 어떤 유닛도 다른 유닛에 기댈 수 없습니다. 남은 유닛은 합이 평균적으로 같도록 키우고, 테스트할 때는 모든 유닛이 함께 일합니다.`,
      },
      formula: 'h\' = \\frac{m \\odot h}{1 - p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1 - p)',
      task: {
        en: `Train the network as it is (${OVERFIT.epochs} epochs on MNIST ${SMALL_MNIST_TRAIN}) and, in the Epochs panel, note the validation loss at its lowest and at the last epoch. Then add a dropout block (rate 0.5) after act1, train again, and compare the same two numbers.`,
        ko: `먼저 네트워크를 그대로 학습하고(MNIST ${SMALL_MNIST_TRAIN}, ${OVERFIT.epochs} 에포크) 에포크 패널에서 검증 손실의 가장 낮은 값과 마지막 값을 적어 두세요. 그다음 act1 뒤에 드롭아웃 블록(비율 0.5)을 넣어 다시 학습하고 같은 두 값을 비교해 보세요.`,
      },
      // The student's own run with dropout, on the step's small set, for the step's epochs, validated every epoch.
      check: (ctx) => runFinished(ctx.state) && ctx.state.datasetId === 'mnist-small' && ctx.state.epochs.length >= OVERFIT.epochs &&
        ctx.results.run !== null && countKind(ctx.results.run.spec, 'dropout') > 0 &&
        ctx.state.epochs.every((e) => e.validationAccuracy !== undefined),
      hints: [{ en: 'Select act1 and add a dropout block after it.', ko: 'act1을 선택하고 그 뒤에 드롭아웃 블록을 추가하세요.' }],
      predict: {
        question: { en: `After ${OVERFIT.epochs} epochs, which run will end with the lower validation loss?`, ko: `${OVERFIT.epochs} 에포크 뒤 검증 손실이 더 낮게 끝나는 쪽은 어느 실행일까요?` },
        options: [{ en: 'Without dropout', ko: '드롭아웃 없는 쪽' }, { en: 'With dropout', ko: '드롭아웃 있는 쪽' }, { en: 'The same', ko: '같다' }],
        answer: 1,
        reveal: { en: DROPOUT_REVEAL.en, ko: DROPOUT_REVEAL.ko },
      },
      setup: {
        spec: () => wideNet(null), dataset: 'mnist-small', validationFraction: OVERFIT.validationFraction, panel: 'editor', block: 'act1',
        hyper: { epochs: OVERFIT.epochs, optimizer: 'adam', learningRate: OVERFIT.learningRate, batchSize: 64, schedule: { kind: 'constant' } },
      },
    },
  ],
};
