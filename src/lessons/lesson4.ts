// Lesson 4 (cs231n lecture 6): activations and initialisation.
import { chain, dense, flatten, input, softmax } from '../model/presets';
import type { ActivationFn, InitName, ModelSpec } from '../model/spec';
import { activationsOf, firstToLastGradient } from './checks';
import { COMPARE_HIDE, LAB_HIDE } from './hide';
import type { ComparedRun, Lesson } from './types';

/** A plain deep network of dense layers: 6 x 64 units of one activation. */
export function deepDense(fn: ActivationFn, init: InitName = 'glorotUniform'): ModelSpec {
  return chain(input(), flatten(), ...Array.from({ length: 6 }, () => dense(64, { activation: fn, init })), softmax());
}
export const deepSigmoid = () => deepDense('sigmoid');
export const deepRelu = () => deepDense('relu', 'heNormal');

/** Plain SGD for one epoch: what makes the sigmoid network's trouble visible. */
export const DEEP_HYPER = { optimizer: 'sgd', learningRate: 0.1, batchSize: 64, epochs: 1, seed: 1, schedule: { kind: 'constant' } } as const;

const lastStd = (std: readonly number[]) => std.at(-1) ?? 0;
const ranWith = (run: ComparedRun, fn: string) => activationsOf(run.spec).length > 0 && activationsOf(run.spec).every((a) => a === fn);

export const lesson4: Lesson = {
  id: 4,
  title: { en: 'Activations and initialisation', ko: '활성화 함수와 초기화' },
  source: { en: 'cs231n lecture 6', ko: 'cs231n 6강' },
  steps: [
    {
      id: 'initTanh',
      title: { en: 'Activations at initialisation', ko: '초기화 시점의 활성값' },
      body: {
        en: 'Eight tanh layers of 100 units, fed random data, before any training. Each histogram is one layer: how its units\' activations spread between -1 and +1. The scale of the initial weights decides whether the signal survives the trip through the layers.',
        ko: '100개 유닛의 tanh 층 8개에 무작위 데이터를 넣었습니다. 학습 전입니다. 히스토그램 하나가 층 하나로, 그 층 유닛의 활성값이 -1과 +1 사이에 어떻게 퍼지는지 보여 줍니다. 초기 가중치의 크기가 신호가 층들을 지나 살아남을지를 정합니다.',
      },
      formula: '\\mathrm{Var}(y) = n_{in}\\,\\mathrm{Var}(w)\\,\\mathrm{Var}(x) \\;\\Rightarrow\\; \\mathrm{Var}(w) = \\frac{1}{n_{in}}\\;\\text{(Xavier)}',
      task: {
        en: 'With tanh, find the weight scale at which the last layer\'s activations neither die out nor stick at ±1 (standard deviation between 0.1 and 0.5).',
        ko: 'tanh에서 마지막 층의 활성값이 사라지지도, ±1에 붙지도 않는 가중치 크기를 찾으세요 (표준편차 0.1~0.5).',
      },
      check: ({ results }) => {
        const lab = results.initLab;
        return lab !== null && lab.activation === 'tanh' && lastStd(lab.layerStd) >= 0.1 && lastStd(lab.layerStd) <= 0.5;
      },
      hints: [{ en: 'Try each scale and watch the last histogram.', ko: '크기를 하나씩 바꿔 보며 마지막 히스토그램을 보세요.' }],
      setup: { panel: 'initLab', hide: LAB_HIDE },
      predict: {
        question: { en: 'With weights of standard deviation 0.01, what do the last layers\' activations look like?', ko: '가중치 표준편차가 0.01이면 마지막 층들의 활성값은 어떤 모양일까요?' },
        options: [
          { en: 'All near zero', ko: '모두 0 근처' },
          { en: 'Spread over -1 to 1', ko: '-1에서 1까지 고르게 퍼짐' },
          { en: 'All at -1 or +1', ko: '모두 -1이나 +1' },
        ],
        answer: 0,
        reveal: { en: 'Each layer multiplies the variance by 100 · 0.01² = 0.01, so the spread shrinks tenfold per layer: after a few layers nothing is left.', ko: '층마다 분산에 100 · 0.01² = 0.01이 곱해져 퍼짐이 10분의 1로 줄어듭니다. 몇 층만 지나면 아무것도 남지 않습니다.' },
      },
    },
    {
      id: 'initRelu',
      title: { en: 'ReLU needs He initialisation', ko: 'ReLU에는 He 초기화' },
      body: {
        en: 'ReLU zeroes half of its inputs, so Xavier\'s scale loses half the variance at every layer. He et al. (2015) double it.',
        ko: 'ReLU는 입력의 절반을 0으로 만들어서, Xavier 크기로는 층마다 분산이 절반씩 줄어듭니다. He 외(2015)는 이를 두 배로 키웠습니다.',
      },
      formula: '\\mathrm{Var}(w) = \\frac{2}{n_{in}}',
      task: {
        en: 'Switch to ReLU and find the scale that keeps the last layer alive (standard deviation between 0.3 and 3).',
        ko: 'ReLU로 바꾸고 마지막 층이 살아 있게 하는 크기를 찾으세요 (표준편차 0.3~3).',
      },
      check: ({ results }) => {
        const lab = results.initLab;
        return lab !== null && lab.activation === 'relu' && lastStd(lab.layerStd) >= 0.3 && lastStd(lab.layerStd) <= 3;
      },
      hints: [{ en: 'Xavier fades with ReLU; look at the last histogram for He.', ko: 'ReLU에서 Xavier는 점점 흐려집니다. He일 때 마지막 히스토그램을 보세요.' }],
      setup: { panel: 'initLab', hide: LAB_HIDE },
    },
    {
      id: 'sigmoid',
      title: { en: 'A deep sigmoid network that does not learn', ko: '학습하지 못하는 깊은 시그모이드 네트워크' },
      body: {
        en: 'Backpropagation multiplies by the activation\'s slope at every layer on the way back, and sigmoid\'s slope is at most 0.25. Here six sigmoid layers are stacked: the gradient-flow reading shows how much of the last layer\'s gradient reaches the first.',
        ko: '역전파는 거꾸로 가며 층마다 활성화 함수의 기울기를 곱하는데, 시그모이드의 기울기는 최대 0.25입니다. 여기서는 시그모이드 층 6개를 쌓았습니다. 그래디언트 흐름 측정값은 마지막 층의 그래디언트가 첫 층까지 얼마나 도달하는지 보여 줍니다.',
      },
      formula: '\\sigma\'(z) = \\sigma(z)\\,(1 - \\sigma(z)) \\le \\tfrac{1}{4}',
      task: {
        en: 'Train the deep sigmoid network and read the gradient flow: compare the first layer\'s gradient norm with the last layer\'s.',
        ko: '깊은 시그모이드 네트워크를 학습시키고 그래디언트 흐름을 읽으세요. 첫 층의 그래디언트 노름을 마지막 층과 비교해 보세요.',
      },
      check: ({ results }) => {
        const ratio = firstToLastGradient(results.gradients);
        const run = results.run;
        return run !== null && activationsOf(run.spec).includes('sigmoid') && ratio !== null && ratio <= 0.01;
      },
      hints: [{ en: 'Press Train; the gradient reading appears below the task after the first steps.', ko: '학습을 누르세요. 처음 몇 단계가 지나면 과제 아래에 기울기 측정값이 나옵니다.' }],
      setup: { spec: deepSigmoid, dataset: 'mnist', hyper: DEEP_HYPER, panel: 'gradients' },
      predict: {
        question: { en: 'Compared with the last layer, how large is the first layer\'s gradient?', ko: '마지막 층과 비교해 첫 층의 기울기는 얼마나 클까요?' },
        options: [
          { en: 'About the same', ko: '거의 같다' },
          { en: 'Hundreds of times smaller', ko: '수백 배 작다' },
          { en: 'Larger', ko: '더 크다' },
        ],
        answer: 1,
        reveal: { en: 'Every sigmoid layer passes back at most a quarter of the gradient: 0.25⁶ ≈ 1/4,000 at worst.', ko: '시그모이드 층마다 기울기가 많아야 4분의 1만 전달됩니다. 최악이면 0.25⁶ ≈ 1/4,000입니다.' },
      },
    },
    {
      id: 'relu',
      title: { en: 'The same network with ReLU', ko: '같은 네트워크를 ReLU로' },
      body: {
        en: 'ReLU\'s slope is 1 wherever it is active, so the gradient reaches the first layer at full strength. Train both networks on the same seed and compare them side by side.',
        ko: 'ReLU의 기울기는 활성 구간에서 1이라 기울기가 첫 층까지 줄지 않고 도달합니다. 두 네트워크를 같은 시드로 학습시켜 나란히 비교하세요.',
      },
      task: {
        en: 'Run the comparison: the ReLU network\'s first-to-last gradient ratio should be at least 10 times the sigmoid one\'s, and its test accuracy higher.',
        ko: '비교를 실행하세요. ReLU 네트워크의 첫 층 대 마지막 층 기울기 비율이 시그모이드의 10배 이상이고, 테스트 정확도도 더 높아야 합니다.',
      },
      check: ({ results }) => {
        const sig = results.compare.find((r) => ranWith(r, 'sigmoid'));
        const relu = results.compare.find((r) => ranWith(r, 'relu'));
        if (!sig || !relu || sig.phase !== 'done' || relu.phase !== 'done') return false;
        const rs = firstToLastGradient(sig.gradients);
        const rr = firstToLastGradient(relu.gradients);
        const acc = (r: ComparedRun) => r.epochs.at(-1)?.testAccuracy ?? 0;
        return rs !== null && rr !== null && rr >= 10 * rs && acc(relu) > acc(sig);
      },
      hints: [{ en: 'Press "Run side by side"; the two runs train one after the other.', ko: '"나란히 실행"을 누르세요. 두 실행이 차례로 학습합니다.' }],
      setup: {
        spec: deepSigmoid, dataset: 'mnist', hyper: DEEP_HYPER, panel: 'compare', hide: COMPARE_HIDE,
        compare: [
          { label: { en: 'sigmoid', ko: '시그모이드' }, spec: deepSigmoid },
          { label: { en: 'ReLU + He', ko: 'ReLU + He' }, spec: deepRelu },
        ],
      },
    },
  ],
};
