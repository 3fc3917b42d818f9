// Lesson 8 (cs231n lecture 12): what the network learned, through the views of the inside of the network. Each
// step is done when a run has finished and the student has opened the view it is about (workspace panel ids).
import { lenet5Mnist } from '../model/presets';
import { openedPanel, runFinished } from './checks';
import { LENET_HYPER } from './lesson3';
import type { Lesson } from './types';

export const lesson8: Lesson = {
  id: 8,
  title: { en: 'What the network learned', ko: '네트워크가 배운 것' },
  source: { en: 'cs231n lecture 12', ko: 'cs231n 12강' },
  steps: [
    {
      id: 'filters',
      title: { en: 'Filters and feature maps', ko: '필터와 특징 맵' },
      body: {
        en: 'The first layer\'s learned kernels often look like the lab\'s hand-made ones: edge and blob detectors. Its feature maps show where in the image each kernel answers; deeper maps answer to larger, more abstract parts.',
        ko: '첫 층이 배운 커널은 실험실에서 손으로 만든 커널, 즉 경계와 얼룩 검출기를 닮곤 합니다. 특징 맵은 이미지의 어디에서 각 커널이 반응하는지 보여 줍니다. 깊은 층의 맵은 더 크고 추상적인 부분에 반응합니다.',
      },
      task: {
        en: 'Train LeNet-5, then open the feature maps panel and look at conv1\'s filters and feature maps.',
        ko: 'LeNet-5를 학습시킨 뒤 특징 맵 패널을 열어 conv1의 필터와 특징 맵을 살펴보세요.',
      },
      check: (ctx) => runFinished(ctx.state) && ctx.results.run !== null && openedPanel(ctx, 'maps'),
      hints: [{ en: 'The Feature maps tab holds both; "Go to" opens it at the filters.', ko: '특징 맵 탭에 둘 다 있습니다. "이동" 버튼을 누르면 필터가 있는 곳이 열립니다.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', hyper: LENET_HYPER, panel: 'filters' },
    },
    {
      id: 'mistakes',
      title: { en: 'Mistakes', ko: '틀린 예' },
      body: {
        en: 'The confusion matrix counts which digit was taken for which; the gallery shows the most confident mistakes. Many are digits a person would hesitate over too.',
        ko: '혼동 행렬은 어떤 숫자를 어떤 숫자로 착각했는지 셉니다. 갤러리는 가장 자신 있게 틀린 예를 보여 줍니다. 대부분 사람도 망설일 만한 숫자입니다.',
      },
      task: { en: 'With the trained network, open the results, find a mistake you would have made too, and click it.', ko: '학습된 네트워크로 결과를 열고, 나라도 틀렸을 예를 찾아 누르세요.' },
      // Clicking a mistake points the views at that test image while the results are in front.
      check: (ctx) => runFinished(ctx.state) && (ctx.state.epochs.at(-1)?.testAccuracy ?? 1) < 1 && openedPanel(ctx, 'results') &&
        ctx.results.imagesViewed.some((v) => v.panel === 'results'),
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
      task: { en: 'With a trained network, look at the saliency map and Grad-CAM of at least two test images.', ko: '학습된 네트워크로 테스트 이미지 두 장 이상의 돌출 맵과 Grad-CAM을 살펴보세요.' },
      check: (ctx) => runFinished(ctx.state) && openedPanel(ctx, 'saliency') &&
        new Set(ctx.results.imagesViewed.map((v) => v.index)).size >= 2,
      hints: [{ en: 'Choose test images in the feature maps panel (Next, Random), then come back to the saliency panel.', ko: '특징 맵 패널에서 테스트 이미지를 고른 뒤(다음, 무작위) 돌출 맵 패널로 돌아오세요.' }],
      setup: { panel: 'saliency' },
    },
    {
      id: 'understand',
      title: { en: 'Looking further inside', ko: '더 깊이 들여다보기' },
      body: {
        en: 'cs231n\'s lecture goes further: which test images make one channel fire hardest, where covering the image hurts the answer most (occlusion), an input made by gradient ascent to maximise a class, small changes that fool the network, and the test set laid out by the network\'s own features. Each view is computed on your trained network when you press its button.',
        ko: 'cs231n 강의는 더 나아갑니다. 한 채널을 가장 세게 반응시키는 테스트 이미지, 이미지를 가렸을 때 답이 가장 나빠지는 곳(가리기 실험), 경사 상승법으로 한 클래스의 점수를 최대로 만든 입력, 네트워크를 속이는 작은 변화, 네트워크의 특징으로 펼쳐 본 테스트 세트입니다. 각 화면은 버튼을 누를 때 학습된 네트워크로 계산됩니다.',
      },
      task: {
        en: 'With a trained network, open "What did it learn?" and look through its views: top images, occlusion, feature space.',
        ko: '학습된 네트워크로 "무엇을 배웠을까?"를 열고 그 화면들을 살펴보세요: 가장 크게 반응한 이미지, 가리기 실험, 특징 공간.',
      },
      // Each of the three views the task names computed on the trained network, not only the panel opened.
      check: (ctx) => runFinished(ctx.state) && ['top', 'occlusion', 'features'].every((v) => ctx.results.viewsComputed.includes(v)),
      hints: [{ en: 'Feature space takes a few seconds: it embeds the test set in 2-D with UMAP.', ko: '특징 공간은 몇 초 걸립니다. 테스트 세트를 UMAP으로 2차원에 펼치기 때문입니다.' }],
      setup: { panel: 'understand' },
    },
  ],
};
