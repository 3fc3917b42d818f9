// Lesson 3 (cs231n lecture 5): LeNet-5 on MNIST, end to end.
import { chain, input, lenet5Mnist, softmax } from '../model/presets';
import { countKind, finalTestAccuracy, runFinished } from './checks';
import type { Lesson } from './types';

/** The lesson's training recipe (the benchmark's): Adam 0.003 annealed to 0 over one epoch. */
export const LENET_HYPER = { optimizer: 'adam', learningRate: 0.003, batchSize: 64, epochs: 1, seed: 1, schedule: { kind: 'cosine', minFactor: 0 } } as const;

export const LENET_PARAMS = 61706;

export const lesson3: Lesson = {
  id: 3,
  title: { en: 'LeNet-5 on MNIST, end to end', ko: 'MNIST로 LeNet-5를 처음부터 끝까지' },
  source: { en: 'cs231n lecture 5', ko: 'cs231n 5강' },
  steps: [
    {
      id: 'build',
      title: { en: 'Build LeNet-5 block by block', ko: 'LeNet-5를 블록 하나씩 쌓기' },
      body: {
        en: 'LeNet-5 (LeCun et al., 1998) is the pattern every CNN since has followed: convolution, non-linearity and pooling, twice, then fully connected layers to the classes. Most of its 61,706 parameters sit in the first dense layer.',
        ko: 'LeNet-5(LeCun 외, 1998)는 이후 모든 CNN이 따른 틀입니다. 합성곱, 비선형 함수, 풀링을 두 번 거친 뒤 완전 연결 층으로 클래스를 고릅니다. 파라미터 61,706개 대부분은 첫 번째 완전 연결 층에 있습니다.',
      },
      formula: '\\underbrace{156}_{5\\cdot5\\cdot1\\cdot6+6} + \\underbrace{2{,}416}_{5\\cdot5\\cdot6\\cdot16+16} + \\underbrace{48{,}120}_{400\\cdot120+120} + \\underbrace{10{,}164}_{120\\cdot84+84} + \\underbrace{850}_{84\\cdot10+10} = 61{,}706',
      task: {
        en: 'From the empty network, add: conv 6 filters 5 x 5 padding 2, ReLU, 2 x 2 max pooling, conv 16 filters 5 x 5, ReLU, pooling, flatten, dense 120, ReLU, dense 84, ReLU. The summary should read 61,706 parameters.',
        ko: '빈 네트워크에서 다음을 추가하세요: 필터 6개 5 x 5 패딩 2 합성곱, ReLU, 2 x 2 최대 풀링, 필터 16개 5 x 5 합성곱, ReLU, 풀링, 평탄화, 완전 연결 120, ReLU, 완전 연결 84, ReLU. 요약에 파라미터 61,706개가 나와야 합니다.',
      },
      check: ({ state }) => state.analysis.valid && state.analysis.totals.trainable === LENET_PARAMS &&
        countKind(state.spec, 'conv2d') === 2 && countKind(state.spec, 'maxpool2d') + countKind(state.spec, 'avgpool2d') === 2,
      hints: [
        { en: 'Select the input block, then add each block after the one before it from the palette.', ko: '입력 블록을 선택한 뒤 팔레트에서 블록을 하나씩 이전 블록 뒤에 추가하세요.' },
        { en: 'The preset menu holds LeNet-5 too: compare yours with it.', ko: '프리셋 메뉴에도 LeNet-5가 있으니 내 것과 비교해 보세요.' },
      ],
      setup: { spec: () => chain(input(), softmax()), dataset: 'mnist', panel: 'editor', block: 'input' },
    },
    {
      id: 'train',
      title: { en: 'Train it', ko: '학습시키기' },
      body: {
        en: 'One epoch shows the network each of the 54,000 training images once, in batches of 64. Adam with a learning rate that glides down to zero over the epoch gets LeNet-5 to about 98.5% on the test digits it has never seen.',
        ko: '한 에포크 동안 네트워크는 학습 이미지 54,000장을 64장씩 묶어 한 번씩 봅니다. 학습률이 에포크 동안 0까지 줄어드는 Adam이면 LeNet-5는 처음 보는 테스트 숫자에서 약 98.5%를 맞힙니다.',
      },
      task: { en: 'Train LeNet-5 to above 98% test accuracy.', ko: 'LeNet-5를 테스트 정확도 98% 넘게 학습시키세요.' },
      check: (ctx) => runFinished(ctx.state) && (finalTestAccuracy(ctx.state) ?? 0) >= 0.98 && ctx.results.run !== null &&
        countKind(ctx.results.run.spec, 'conv2d') >= 2,
      hints: [{ en: 'Press Train in the training panel; it takes about half a minute.', ko: '학습 패널에서 학습을 누르세요. 30초쯤 걸립니다.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', hyper: LENET_HYPER, panel: 'training' },
    },
    {
      id: 'curves',
      title: { en: 'Read the curves', ko: '곡선 읽기' },
      body: {
        en: 'The training loss falls steeply in the first hundred steps and then flattens. The test accuracy is measured on images the network never trains on; the validation split, held out of the training images, is what you would tune settings on.',
        ko: '학습 손실은 처음 백여 단계에서 가파르게 떨어진 뒤 완만해집니다. 테스트 정확도는 네트워크가 한 번도 학습하지 않은 이미지로 잽니다. 설정을 조정할 때는 학습 이미지에서 떼어 둔 검증 데이터를 씁니다.',
      },
      formula: 'L = -\\frac{1}{N}\\sum_{n} \\log p_{n,\\,y_n}',
      task: {
        en: 'Train again with 10% of the training images held out for validation, and compare validation and test accuracy: they should agree within 2 points.',
        ko: '학습 이미지의 10%를 검증용으로 떼어 두고 다시 학습한 뒤, 검증 정확도와 테스트 정확도를 비교하세요. 2%p 안에서 일치해야 합니다.',
      },
      check: ({ state, results }) => {
        const last = state.epochs.at(-1);
        // A run of this step (results start afresh with each step): the curves of lesson 3.2's run do not count.
        return runFinished(state) && results.run !== null && last?.validationAccuracy !== undefined &&
          Math.abs(last.validationAccuracy - last.testAccuracy) <= 0.02;
      },
      hints: [{ en: 'The validation share is in the dataset panel.', ko: '검증 비율은 데이터셋 패널에 있습니다.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', hyper: LENET_HYPER, panel: 'curves' },
      predict: {
        question: { en: 'If the learning rate were 100 times higher, what would the loss curve do?', ko: '학습률이 100배 높다면 손실 곡선은 어떻게 될까요?' },
        options: [
          { en: 'Fall faster and end lower', ko: '더 빨리 떨어져 더 낮게 끝난다' },
          { en: 'Jump up or stall, possibly to NaN', ko: '튀어 오르거나 멈추고, NaN이 될 수도 있다' },
          { en: 'Stay exactly the same', ko: '똑같다' },
        ],
        answer: 1,
        reveal: { en: 'Steps that large overshoot the valley: the loss jumps and can blow up (lesson 6 tries it).', ko: '그렇게 큰 걸음은 골짜기를 넘어가 버립니다. 손실이 튀고 발산할 수 있습니다 (6강에서 직접 해 봅니다).' },
      },
    },
  ],
};
