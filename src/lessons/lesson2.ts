// Lesson 2 (cs231n lecture 5): padding, stride and pooling, weight sharing, the 1x1 convolution.
import { activation, chain, conv2d, globalAvgPool, input, lenet5Mnist, maxPool2d, softmax } from '../model/presets';
import { pair } from '../model/size2';
import { blockOf, outputShapeOf, paramsOf } from './checks';
import { SHAPES_HIDE } from './hide';
import type { Lesson } from './types';

/** A small CIFAR-10 net whose first convolution the student resizes. */
export const firstConvNet = () =>
  chain(input(), conv2d(16, 3, { padding: 'same' }), activation('relu'), maxPool2d(2), globalAvgPool(), softmax());

/** LeNet-5 with a 3x3, unpadded first convolution. */
export const unpaddedNet = () => {
  const spec = lenet5Mnist();
  return { blocks: spec.blocks.map((b) => (b.id === 'conv1' && b.kind === 'conv2d' ? { ...b, kernel: 3, padding: 'valid' as const } : b)) };
};

const hw = (shape: readonly number[] | null) => (shape ? `${shape[0]}x${shape[1]}` : null);

export const lesson2: Lesson = {
  id: 2,
  title: { en: 'Padding, stride, pooling', ko: '패딩, 스트라이드, 풀링' },
  source: { en: 'cs231n lecture 5', ko: 'cs231n 5강' },
  steps: [
    {
      id: 'stride',
      title: { en: 'The output-size arithmetic', ko: '출력 크기 계산' },
      body: {
        en: 'A K x K kernel with padding P and stride S turns a W-wide input into an O-wide output. The stride is how far the kernel jumps between positions: a stride of S divides the size by about S.',
        ko: '패딩이 P, 스트라이드가 S인 K x K 커널은 너비 W인 입력을 너비 O인 출력으로 바꿉니다. 스트라이드는 커널이 한 번에 건너뛰는 거리로, 스트라이드가 S면 크기가 대략 S분의 1이 됩니다.',
      },
      formula: 'O = \\left\\lfloor \\frac{W - K + 2P}{S} \\right\\rfloor + 1',
      task: {
        en: 'Make conv1\'s output 14 x 14 using only the stride (keep its 5 x 5 kernel and padding 2).',
        ko: '스트라이드만 바꿔서 conv1의 출력을 14 x 14로 만드세요 (5 x 5 커널과 패딩 2는 그대로).',
      },
      check: ({ state }) => {
        const conv = blockOf(state.spec, 'conv1');
        return conv?.kind === 'conv2d' && pair(conv.kernel)[0] === 5 && pair(conv.kernel)[1] === 5 && conv.padding === 2 &&
          hw(outputShapeOf(state, 'conv1')) === '14x14';
      },
      hints: [
        { en: 'Select conv1 in the network and change its stride in the block panel.', ko: '네트워크에서 conv1을 선택하고 블록 패널에서 스트라이드를 바꾸세요.' },
        { en: '(28 - 5 + 2·2) / 2 = 13.5, rounded down 13, plus 1 = 14.', ko: '(28 - 5 + 2·2) / 2 = 13.5, 내림하면 13, 더하기 1은 14입니다.' },
      ],
      setup: { spec: lenet5Mnist, dataset: 'mnist', panel: 'editor', block: 'conv1', field: 'stride', hide: SHAPES_HIDE },
      predict: {
        question: { en: 'Which stride gives conv1 a 14 x 14 output?', ko: '스트라이드가 얼마면 conv1의 출력이 14 x 14가 될까요?' },
        options: [{ en: 'Stride 1', ko: '스트라이드 1' }, { en: 'Stride 2', ko: '스트라이드 2' }, { en: 'Stride 4', ko: '스트라이드 4' }],
        answer: 1,
        reveal: { en: 'floor((28 - 5 + 4) / 2) + 1 = floor(13.5) + 1 = 14.', ko: 'floor((28 - 5 + 4) / 2) + 1 = floor(13.5) + 1 = 14입니다.' },
      },
    },
    {
      id: 'padding',
      title: { en: 'Padding keeps the size', ko: '패딩으로 크기 유지하기' },
      body: {
        en: 'Without padding every convolution trims K - 1 pixels, and the border pixels are seen less often than the centre ones. Padding (K - 1) / 2 on each side keeps the size at stride 1: "same" padding.',
        ko: '패딩이 없으면 합성곱마다 K - 1 픽셀씩 줄어들고, 가장자리 픽셀은 가운데보다 덜 보입니다. 양쪽에 (K - 1) / 2만큼 패딩하면 스트라이드 1에서 크기가 유지됩니다. 이것이 "same" 패딩입니다.',
      },
      formula: 'P = \\frac{K - 1}{2} \\;\\Rightarrow\\; O = W \\quad (S = 1)',
      task: {
        en: 'conv1 is now 3 x 3 without padding, so its output is 26 x 26. Give it padding so that it stays 28 x 28 at stride 1.',
        ko: 'conv1은 이제 패딩 없는 3 x 3이라 출력이 26 x 26입니다. 스트라이드 1에서 28 x 28이 유지되도록 패딩을 주세요.',
      },
      check: ({ state }) => {
        const conv = blockOf(state.spec, 'conv1');
        return conv?.kind === 'conv2d' && pair(conv.kernel)[0] === 3 && pair(conv.stride)[0] === 1 && pair(conv.stride)[1] === 1 &&
          hw(outputShapeOf(state, 'conv1')) === '28x28';
      },
      hints: [{ en: 'Padding 1, or "same".', ko: '패딩 1, 또는 "same"입니다.' }],
      setup: { spec: unpaddedNet, dataset: 'mnist', panel: 'editor', block: 'conv1', field: 'padding', hide: SHAPES_HIDE },
    },
    {
      id: 'pooling',
      title: { en: 'Max against average pooling', ko: '최대 풀링과 평균 풀링' },
      body: {
        en: 'Pooling shrinks a feature map without weights: a 2 x 2 window with stride 2 keeps one number of four. Max pooling keeps the strongest answer ("is the feature anywhere here?"), average pooling the mean. Neither has parameters.',
        ko: '풀링은 가중치 없이 특징 맵을 줄입니다. 스트라이드 2인 2 x 2 창은 네 수 가운데 하나만 남깁니다. 최대 풀링은 가장 강한 반응("이 근처 어딘가에 특성이 있나?")을, 평균 풀링은 평균을 남깁니다. 둘 다 파라미터가 없습니다.',
      },
      task: {
        en: 'Change pool1 from max to average pooling and check that its output is still 14 x 14.',
        ko: 'pool1을 최대 풀링에서 평균 풀링으로 바꾸고 출력이 여전히 14 x 14인지 확인하세요.',
      },
      // Changed in place or replaced by a new block: an average pooling gives 14 x 14 and no max pooling does.
      check: ({ state }) => state.analysis.valid && state.spec.blocks.some((b) => b.kind === 'avgpool2d' && hw(outputShapeOf(state, b.id)) === '14x14') &&
        !state.spec.blocks.some((b) => b.kind === 'maxpool2d' && hw(outputShapeOf(state, b.id)) === '14x14'),
      hints: [{ en: 'Add an average-pooling block after pool1, delete pool1, and connect act1 to the new block.', ko: 'pool1 뒤에 평균 풀링 블록을 추가하고 pool1을 지운 다음 act1을 새 블록에 연결하세요.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', panel: 'editor', block: 'pool1', hide: SHAPES_HIDE },
      predict: {
        question: { en: 'A 2 x 2 window holds 1, 3, 2 and 8. What do max and average pooling give?', ko: '2 x 2 창에 1, 3, 2, 8이 있습니다. 최대 풀링과 평균 풀링의 결과는?' },
        options: [{ en: '8 and 3.5', ko: '8과 3.5' }, { en: '8 and 14', ko: '8과 14' }, { en: '3.5 and 8', ko: '3.5와 8' }],
        answer: 0,
        reveal: { en: 'max(1, 3, 2, 8) = 8; (1 + 3 + 2 + 8) / 4 = 3.5.', ko: 'max(1, 3, 2, 8) = 8, (1 + 3 + 2 + 8) / 4 = 3.5입니다.' },
      },
    },
    {
      id: 'params',
      title: { en: 'Weight sharing and the parameter count', ko: '가중치 공유와 파라미터 수' },
      body: {
        en: 'Every position of the image shares the same kernel, so a convolution\'s parameters do not depend on the image size: K·K·C_in weights per filter plus one bias, times the number of filters.',
        ko: '이미지의 모든 위치가 같은 커널을 공유하므로, 합성곱의 파라미터 수는 이미지 크기와 상관없습니다. 필터마다 K·K·C_in개의 가중치와 편향 하나가 있고, 여기에 필터 수를 곱합니다.',
      },
      formula: '(K \\cdot K \\cdot C_{in} + 1) \\cdot C_{out}',
      task: {
        en: 'Make conv1 a 7 x 7 convolution with 64 filters on the colour CIFAR-10 images, as ResNet\'s first layer, and read its parameter count.',
        ko: '컬러 CIFAR-10 이미지에서 conv1을 ResNet의 첫 층처럼 필터 64개의 7 x 7 합성곱으로 바꾸고 파라미터 수를 읽어 보세요.',
      },
      check: ({ state }) => state.datasetId === 'cifar10' && paramsOf(state, 'conv1') === 9472,
      hints: [{ en: 'Set filters to 64 and kernel to 7 in the block panel.', ko: '블록 패널에서 필터를 64로, 커널을 7로 바꾸세요.' }],
      setup: { spec: firstConvNet, dataset: 'cifar10', panel: 'editor', block: 'conv1', field: 'kernel', hide: SHAPES_HIDE },
      predict: {
        question: { en: 'How many parameters has a 7 x 7 convolution with 64 filters on an RGB image?', ko: 'RGB 이미지에 필터 64개인 7 x 7 합성곱의 파라미터는 몇 개일까요?' },
        options: [
          { en: '9,472', ko: '9,472' },
          { en: '3,136 (7·7·64)', ko: '3,136 (7·7·64)' },
          { en: '196,672 (one weight per pixel, channel and filter)', ko: '196,672 (픽셀, 채널, 필터마다 가중치 하나)' },
        ],
        answer: 0,
        reveal: { en: '(7·7·3 + 1)·64 = 148·64 = 9,472, whatever the image size.', ko: '(7·7·3 + 1)·64 = 148·64 = 9,472이고, 이미지 크기와 관계없습니다.' },
      },
    },
    {
      id: 'oneByOne',
      title: { en: 'The 1 x 1 convolution mixes channels', ko: '1 x 1 합성곱은 채널을 섞는다' },
      body: {
        en: 'A 1 x 1 kernel sees one pixel, but all its channels: it is a small dense layer applied at every position. It changes the number of channels cheaply, which is how GoogLeNet and ResNet keep their costs down.',
        ko: '1 x 1 커널은 픽셀 하나만 보지만 그 픽셀의 모든 채널을 봅니다. 즉 위치마다 적용되는 작은 완전 연결 층입니다. 채널 수를 싸게 바꿀 수 있어서 GoogLeNet과 ResNet이 비용을 줄이는 데 씁니다.',
      },
      formula: 'y_{c\'}[y,x] = b_{c\'} + \\sum_{c} w_{c\'c}\\, x_c[y,x]',
      task: {
        en: 'Add a 1 x 1 convolution after conv2 that mixes its 16 channels down to 4, keeping the network valid.',
        ko: 'conv2 뒤에 16개 채널을 4개로 섞어 줄이는 1 x 1 합성곱을 넣고, 네트워크가 올바른 상태를 유지하게 하세요.',
      },
      check: ({ state }) => state.analysis.valid && state.spec.blocks.some((b) => {
        if (b.kind !== 'conv2d' || pair(b.kernel)[0] !== 1 || pair(b.kernel)[1] !== 1 || b.filters !== 4) return false;
        const source = b.inputs[0];
        const inShape = source === undefined ? null : outputShapeOf(state, source);
        return inShape !== null && inShape[2] === 16;
      }),
      hints: [{ en: 'Select conv2, add a convolution after it, and set kernel 1 and filters 4.', ko: 'conv2를 선택하고 그 뒤에 합성곱을 추가한 다음 커널 1, 필터 4로 설정하세요.' }],
      setup: { spec: lenet5Mnist, dataset: 'mnist', panel: 'editor', block: 'conv2', hide: SHAPES_HIDE },
    },
  ],
};
