// Lesson 8 (cs231n lecture 12): what the network learned, through the views of the inside of the network.
import { lenet5Mnist } from '../model/presets';
import { runFinished } from './checks';
import { LENET_HYPER } from './lesson3';
import type { Lesson } from './types';

export const lesson8: Lesson = {
  id: 8,
  title: { en: 'What the network learned', ko: '네트워크가 배운 것' },
  source: { en: 'cs231n lecture 12', ko: 'cs231n 12강' },
  steps: [
    {
      id: 'filters',
      title: { en: 'Filters and feature maps', ko: '필터와 특성 맵' },
      body: {
        en: 'The first layer\'s learned kernels often look like the lab\'s hand-made ones: edge and blob detectors. Its feature maps show where in the image each kernel answers; deeper maps answer to larger, more abstract parts.',
        ko: '첫 층이 배운 커널은 실험실에서 손으로 만든 커널, 즉 경계와 얼룩 검출기를 닮곤 합니다. 특성 맵은 이미지의 어디에서 각 커널이 반응하는지 보여 줍니다. 깊은 층의 맵은 더 크고 추상적인 부분에 반응합니다.',
      },
      task: { en: 'Train LeNet-5 and look at conv1\'s filters and feature maps.', ko: 'LeNet-5를 학습시키고 conv1의 필터와 특성 맵을 살펴보세요.' },
      check: ({ state }) => runFinished(state),
      hints: [{ en: 'The views are in "Inside the network", below the training panels.', ko: '이 화면들은 학습 패널 아래 "네트워크 내부"에 있습니다.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', hyper: LENET_HYPER, panel: 'filters' },
    },
    {
      id: 'mistakes',
      title: { en: 'Mistakes', ko: '틀린 예' },
      body: {
        en: 'The confusion matrix counts which digit was taken for which; the gallery shows the most confident mistakes. Many are digits a person would hesitate over too.',
        ko: '혼동 행렬은 어떤 숫자를 어떤 숫자로 착각했는지 셉니다. 갤러리는 가장 자신 있게 틀린 예를 보여 줍니다. 대부분 사람도 망설일 만한 숫자입니다.',
      },
      task: { en: 'After training, open the results and find a mistake you would have made too.', ko: '학습 후 결과를 열고 나라도 틀렸을 예를 찾아보세요.' },
      check: ({ state }) => runFinished(state) && (state.epochs.at(-1)?.testAccuracy ?? 1) < 1,
      hints: [{ en: 'Click a mistake to look inside the network at it.', ko: '틀린 예를 누르면 그 이미지로 네트워크 내부를 볼 수 있습니다.' }],
      setup: { panel: 'results' },
    },
    {
      id: 'saliency',
      title: { en: 'Saliency and Grad-CAM', ko: '돌출 맵과 Grad-CAM' },
      body: {
        en: 'A saliency map is the gradient of the class score with respect to each pixel: which pixels would change the answer most. Grad-CAM weighs the last convolution\'s maps by their gradients: which region the decision rests on.',
        ko: '돌출 맵은 픽셀마다 클래스 점수의 기울기입니다. 어느 픽셀이 답을 가장 많이 바꿀지 보여 줍니다. Grad-CAM은 마지막 합성곱의 맵을 기울기로 가중해서 판단이 어느 영역에 기대는지 보여 줍니다.',
      },
      formula: 'M_{ij} = \\max_c \\left| \\frac{\\partial S_y}{\\partial I_{ijc}} \\right|',
      task: { en: 'With a trained network, look at the saliency map and Grad-CAM of a few test images.', ko: '학습된 네트워크로 테스트 이미지 몇 장의 돌출 맵과 Grad-CAM을 살펴보세요.' },
      check: ({ state }) => runFinished(state),
      hints: [{ en: 'Choose another test image above the feature maps.', ko: '특성 맵 위에서 다른 테스트 이미지를 고르세요.' }],
      setup: { panel: 'saliency' },
    },
  ],
};
