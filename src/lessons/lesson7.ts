// Lesson 7 (cs231n lecture 9): CNN architectures, and where their parameters and FLOPs are. The numbers in
// the text come from the reference networks in src/model/reference.ts (a test recomputes them).
import { vggStyle } from '../model/presetNets';
import { pair } from '../model/size2';
import { countKind } from './checks';
import { SHAPES_HIDE } from './hide';
import type { BlockSpec, ModelSpec } from '../model/spec';
import type { Lesson, LessonAppState } from './types';

/** Published-size numbers the text quotes, as the model core computes them. */
export const ARCH_NUMBERS = {
  vgg16: { params: 138_357_544, denseParams: 123_642_856, macsG: 15.5, convMacsShare: 0.99 },
  googlenet: { params: 6_624_904, macsG: 1.5 },
  resnet18: { params: 11_689_512, macsG: 1.8, adds: 8 },
} as const;

const selectedBlock = (state: LessonAppState): BlockSpec | undefined =>
  (state.selection.length === 1 ? state.spec.blocks.find((b) => b.id === state.selection[0]) : undefined);

const isConv3 = (b: BlockSpec | undefined): boolean => b?.kind === 'conv2d' && pair(b.kernel)[0] === 3 && pair(b.kernel)[1] === 3;

/** The convolution a block reads from, through activations and batch norm only (no pooling between). */
function previousConv(spec: ModelSpec, b: BlockSpec): BlockSpec | undefined {
  let source = b.inputs[0];
  for (;;) {
    const prev = spec.blocks.find((x) => x.id === source);
    if (!prev || prev.kind === 'conv2d') return prev;
    if (prev.kind !== 'activation' && prev.kind !== 'batchnorm') return undefined;
    source = prev.inputs[0];
  }
}

export const lesson7: Lesson = {
  id: 7,
  title: { en: 'Architectures', ko: '아키텍처' },
  source: { en: 'cs231n lecture 9', ko: 'cs231n 9강' },
  steps: [
    {
      id: 'vgg',
      title: { en: 'VGG: why stacked 3 x 3', ko: 'VGG: 왜 3 x 3을 쌓을까' },
      body: {
        en: 'Two 3 x 3 convolutions in a row see a 5 x 5 window, three see 7 x 7, with a non-linearity between them. VGG (Simonyan and Zisserman, 2014) builds the whole network from them.',
        ko: '3 x 3 합성곱 두 개를 이으면 5 x 5 창을, 세 개면 7 x 7 창을 봅니다. 사이에 비선형 함수도 들어갑니다. VGG(Simonyan, Zisserman, 2014)는 네트워크 전체를 이것으로 쌓았습니다.',
      },
      task: {
        en: 'The VGG-style network is open. Find two 3 x 3 convolutions in a row with no pooling between them, and select the second one in the network.',
        ko: 'VGG 스타일 네트워크가 열려 있습니다. 사이에 풀링 없이 이어진 3 x 3 합성곱 두 개를 찾아, 네트워크에서 둘째 것을 선택하세요.',
      },
      // The set-up opens the network; the task is finding the pair, shown by selecting its second convolution.
      check: ({ state }) => {
        const b = selectedBlock(state);
        return b !== undefined && isConv3(b) && isConv3(previousConv(state.spec, b));
      },
      hints: [{ en: 'Click a block in the network strip to select it; its kind and kernel show in the block panel.', ko: '네트워크 줄에서 블록을 누르면 선택되고, 종류와 커널 크기가 블록 패널에 나옵니다.' }],
      setup: { spec: vggStyle, dataset: 'cifar10', panel: 'editor' },
      predict: {
        question: { en: 'Which has fewer weights (C channels in and out): two 3 x 3 convolutions or one 5 x 5?', ko: '입출력 채널이 C개일 때 어느 쪽 가중치가 적을까요: 3 x 3 합성곱 두 개, 아니면 5 x 5 하나?' },
        options: [{ en: 'Two 3 x 3 have fewer', ko: '3 x 3 두 개가 더 적다' }, { en: 'One 5 x 5 has fewer', ko: '5 x 5 하나가 더 적다' }, { en: 'The same', ko: '같다' }],
        answer: 0,
        reveal: { en: '2 · (3 · 3 · C²) = 18C² against 5 · 5 · C² = 25C²: 28% fewer, for the same 5 x 5 view.', ko: '2 · (3 · 3 · C²) = 18C² 대 5 · 5 · C² = 25C²로, 같은 5 x 5 시야에 28% 적습니다.' },
      },
    },
    {
      id: 'where',
      title: { en: 'Where the parameters live, where the FLOPs are', ko: '파라미터와 연산량은 어디에 있나' },
      body: {
        en: 'VGG-16 has 138,357,544 parameters, and 123,642,856 of them (89%) sit in its three dense layers. Its 15.5 billion multiply-adds per image are the other way round: 99% are in the convolutions, which apply few weights at very many positions.',
        ko: 'VGG-16의 파라미터 138,357,544개 가운데 123,642,856개(89%)가 완전 연결 층 세 개에 있습니다. 이미지 한 장에 드는 곱셈-덧셈 155억 번은 반대로 99%가 합성곱에 있습니다. 합성곱은 적은 가중치를 아주 많은 위치에 적용하기 때문입니다.',
      },
      formula: '\\text{fc6: } (7 \\cdot 7 \\cdot 512) \\cdot 4096 + 4096 = 102{,}764{,}544',
      task: {
        en: 'The full-size VGG-16 is open for inspection. Find its largest layer in the summary and select it in the network.',
        ko: '원래 크기의 VGG-16이 살펴보기용으로 열려 있습니다. 요약에서 가장 큰 층을 찾아 네트워크에서 선택하세요.',
      },
      check: ({ state }) => {
        const b = selectedBlock(state);
        if (state.studyPreset !== 'vgg16' || !b) return false;
        const most = Math.max(...state.analysis.blocks.map((x) => x.params.trainable));
        return state.analysis.blocks.some((x) => x.id === b.id && x.params.trainable === most);
      },
      hints: [{ en: 'The summary lists each layer\'s parameters; the largest is the first dense layer after the convolutions.', ko: '요약에 층마다 파라미터 수가 있습니다. 가장 큰 층은 합성곱들 뒤의 첫 완전 연결 층입니다.' }],
      setup: { preset: 'vgg16', panel: 'summary', hide: SHAPES_HIDE },
    },
    {
      id: 'googlenet',
      title: { en: 'GoogLeNet: 1 x 1 reductions, inception, global average pooling', ko: 'GoogLeNet: 1 x 1 축소, 인셉션, 전역 평균 풀링' },
      body: {
        en: 'An inception module runs 1 x 1, 3 x 3 and 5 x 5 convolutions and a pooling side by side and concatenates them; 1 x 1 convolutions shrink the channels before the costly ones. Global average pooling replaces VGG\'s dense layers: 6.6 million parameters in all, 21 times fewer than VGG-16, for 1.5 billion multiply-adds.',
        ko: '인셉션 모듈은 1 x 1, 3 x 3, 5 x 5 합성곱과 풀링을 나란히 돌려 이어 붙입니다. 비싼 합성곱 앞에서는 1 x 1 합성곱이 채널을 줄입니다. 전역 평균 풀링이 VGG의 완전 연결 층을 대신해서, 전체 파라미터는 660만 개로 VGG-16의 21분의 1이고 곱셈-덧셈은 15억 번입니다.',
      },
      task: { en: 'GoogLeNet is open for inspection. Find a concat block, where an inception module joins its branches, and select it.', ko: 'GoogLeNet이 살펴보기용으로 열려 있습니다. 인셉션 모듈이 갈래를 합치는 concat 블록을 찾아 선택하세요.' },
      check: ({ state }) => state.studyPreset === 'googlenet' && selectedBlock(state)?.kind === 'concat',
      hints: [{ en: 'Each inception module ends in a concat block.', ko: '인셉션 모듈마다 concat 블록으로 끝납니다.' }],
      setup: { preset: 'googlenet', panel: 'editor', hide: SHAPES_HIDE },
    },
    {
      id: 'resnet',
      title: { en: 'ResNet: skip connections', ko: 'ResNet: 건너뛰는 연결' },
      body: {
        en: 'A residual block adds its input to its output, so it only has to learn a correction, and the gradient flows back through the addition unchanged. ResNet-18 stacks 8 such blocks: 11.7 million parameters, 1.8 billion multiply-adds.',
        ko: '잔차 블록은 입력을 출력에 더하므로 보정만 배우면 되고, 기울기는 덧셈을 그대로 거슬러 흐릅니다. ResNet-18은 이런 블록 8개를 쌓았습니다. 파라미터 1,170만 개, 곱셈-덧셈 18억 번입니다.',
      },
      formula: 'y = F(x) + x',
      task: { en: 'ResNet-18 is open for inspection. Find an add block, where a skip connection joins, and select it; how many are there?', ko: 'ResNet-18이 살펴보기용으로 열려 있습니다. 건너뛰는 연결이 합류하는 add 블록을 찾아 선택하세요. 모두 몇 개인가요?' },
      check: ({ state }) => state.studyPreset === 'resnet18' && countKind(state.spec, 'add') === ARCH_NUMBERS.resnet18.adds &&
        selectedBlock(state)?.kind === 'add',
      hints: [{ en: 'Every residual block ends in an add.', ko: '잔차 블록마다 add로 끝납니다.' }],
      setup: { preset: 'resnet18', panel: 'editor', hide: SHAPES_HIDE },
    },
  ],
};
