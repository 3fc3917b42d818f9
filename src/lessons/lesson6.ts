// Lesson 6 (cs231n lecture 7): optimizers and the learning rate.
import { tinyCnn } from '../model/presets';
import { finalTestAccuracy, runFinished, sameData } from './checks';
import { COMPARE_HIDE } from './hide';
import type { Lesson } from './types';

/** Below this test accuracy after one epoch, a run "learned little" (a working rate reaches over 90% here). */
export const TOO_LOW_ACCURACY = 0.5;

const BASE = { batchSize: 64, epochs: 1, seed: 1, schedule: { kind: 'constant' } } as const;

export const lesson6: Lesson = {
  id: 6,
  title: { en: 'Optimizers and learning rate', ko: '옵티마이저와 학습률' },
  source: { en: 'cs231n lecture 7', ko: 'cs231n 7강' },
  steps: [
    {
      id: 'optimizers',
      title: { en: 'SGD, momentum and Adam side by side', ko: 'SGD, 모멘텀, Adam 나란히 비교' },
      body: {
        en: 'SGD steps straight down the gradient. Momentum keeps a running velocity, so it rolls through shallow ravines instead of zig-zagging. Adam also scales each weight\'s step by its recent gradient size. Same network, same seed, same data order: only the optimizer differs.',
        ko: 'SGD는 기울기를 따라 곧장 내려갑니다. 모멘텀은 속도를 유지해 얕은 골짜기를 지그재그 대신 굴러 내려갑니다. Adam은 여기에 가중치마다 최근 기울기 크기로 걸음을 조절합니다. 같은 네트워크, 같은 시드, 같은 데이터 순서이고 옵티마이저만 다릅니다.',
      },
      formula: 'v \\leftarrow \\mu v - \\eta \\nabla L, \\quad w \\leftarrow w + v',
      task: { en: 'Run SGD, momentum and Adam side by side and compare their curves.', ko: 'SGD, 모멘텀, Adam을 나란히 실행하고 곡선을 비교하세요.' },
      check: ({ results }) => {
        const done = results.compare.filter((r) => r.phase === 'done');
        const names = new Set(done.map((r) => r.hyper.optimizer));
        const seeds = new Set(done.map((r) => r.hyper.seed));
        return ['sgd', 'momentum', 'adam'].every((o) => names.has(o as 'sgd')) && seeds.size === 1;
      },
      hints: [{ en: 'Each run takes a few seconds; they train one after the other.', ko: '실행마다 몇 초씩 걸리며 차례로 학습합니다.' }],
      setup: {
        spec: tinyCnn, dataset: 'mnist', panel: 'compare', hide: COMPARE_HIDE, hyper: { ...BASE, optimizer: 'sgd', learningRate: 0.01 },
        compare: [
          { label: { en: 'SGD', ko: 'SGD' }, hyper: { optimizer: 'sgd', learningRate: 0.01 } },
          { label: { en: 'momentum', ko: '모멘텀' }, hyper: { optimizer: 'momentum', learningRate: 0.01, momentum: 0.9 } },
          { label: { en: 'Adam', ko: 'Adam' }, hyper: { optimizer: 'adam', learningRate: 0.001 } },
        ],
      },
    },
    {
      id: 'tooHigh',
      title: { en: 'A learning rate too high', ko: '너무 높은 학습률' },
      body: {
        en: 'Too large a step jumps across the valley and lands higher up the other side; the next step jumps further. The loss climbs far above where it started, or turns into NaN. The app stops such a run and says so.',
        ko: '걸음이 너무 크면 골짜기를 건너뛰어 반대편 더 높은 곳에 떨어지고, 다음 걸음은 더 멀리 뜁니다. 손실이 처음보다 훨씬 높이 오르거나 NaN이 됩니다. 앱은 그런 실행을 멈추고 알려 줍니다.',
      },
      task: { en: 'Find a learning rate at which the loss diverges.', ko: '손실이 발산하는 학습률을 찾으세요.' },
      check: ({ state, results }) => state.divergence !== null && results.run !== null && sameData(results.run.spec, tinyCnn()),
      // Measured on MNIST (3 seeds, bench/node/lessons.node.ts): Adam at 10 (the field's largest value) is stopped
      // as exploding in all three. SGD at 10 and Adam at 1 are not: the ReLUs go silent and the loss sits at chance
      // (2.3-2.4), which the guard rightly does not call diverging; the second hint says so.
      hints: [
        { en: 'Switch the optimizer to Adam and type 10 into the learning-rate field.', ko: '옵티마이저를 Adam으로 바꾸고 학습률 칸에 10을 넣으세요.' },
        { en: 'Plain SGD does not blow this network up even at 10: its ReLUs go silent and the loss stays at chance, about 2.3.', ko: '기본 SGD는 10에서도 이 네트워크를 발산시키지 못합니다. ReLU가 꺼져 손실이 찍기 수준(약 2.3)에 머뭅니다.' },
      ],
      setup: { spec: tinyCnn, dataset: 'mnist', panel: 'training', hyper: { ...BASE, optimizer: 'sgd', learningRate: 0.01 } },
    },
    {
      id: 'tooLow',
      title: { en: 'A learning rate too low', ko: '너무 낮은 학습률' },
      body: {
        en: 'Too small a step is safe but slow: after a whole epoch the loss has hardly moved from where it started. Good rates for SGD here lie between 0.01 and 0.5.',
        ko: '걸음이 너무 작으면 안전하지만 느립니다. 한 에포크이 지나도 손실이 처음 자리에서 거의 움직이지 않습니다. 여기서 SGD에 알맞은 학습률은 0.01에서 0.5 사이입니다.',
      },
      task: { en: 'Train one epoch with a learning rate of 0.00001 or lower and see how little it learns.', ko: '학습률 0.00001 이하로 한 에포크 학습하고 얼마나 조금 배우는지 보세요.' },
      // The run of this step, at such a rate, and its result: it learned little (measured at 1e-5 on MNIST, 3 seeds:
      // 8-11% test accuracy, test loss 2.29-2.34, i.e. still at chance).
      check: ({ state, results }) => runFinished(state) && results.run !== null && results.run.hyper.learningRate <= 1e-5 &&
        sameData(results.run.spec, tinyCnn()) && (finalTestAccuracy(state) ?? 1) < TOO_LOW_ACCURACY,
      hints: [{ en: 'Type 1e-5 into the learning-rate field.', ko: '학습률 칸에 1e-5를 입력하세요.' }],
      setup: { spec: tinyCnn, dataset: 'mnist', panel: 'training', hyper: { ...BASE, optimizer: 'sgd', learningRate: 0.01 } },
    },
  ],
};
