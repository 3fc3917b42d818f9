// Lesson 1 (cs231n lecture 5): what a convolution does, in the kernel lab.
import { kernelIdOf } from '../kernelLab/kernels';
import { LAB_HIDE } from './hide';
import type { Lesson } from './types';

const TABLE = ['identity', 'edge1', 'edge2', 'edge3', 'sharpen', 'boxBlur', 'gaussian3'];

export const lesson1: Lesson = {
  id: 1,
  title: { en: 'What a convolution does: the kernel lab', ko: '합성곱이 하는 일: 커널 실험실' },
  source: { en: 'cs231n lecture 5', ko: 'cs231n 5강' },
  steps: [
    {
      id: 'slide',
      title: { en: 'Slide a kernel over an image', ko: '이미지 위로 커널 밀기' },
      body: {
        en: 'A convolution slides a small grid of weights, the kernel, over the image. At every position it multiplies each weight by the pixel under it and adds the products up: that sum is one output pixel. Like every CNN library, the lab does not flip the kernel.',
        ko: '합성곱은 커널이라는 작은 가중치 격자를 이미지 위로 밀면서, 각 위치에서 가중치와 그 아래 픽셀을 곱해 모두 더합니다. 그 합이 출력 픽셀 하나입니다. 여느 CNN 라이브러리처럼 실험실도 커널을 뒤집지 않습니다.',
      },
      formula: '(I \\star K)[y,x] = \\sum_{i=-r}^{r}\\sum_{j=-r}^{r} K[i,j]\\; I[y+i,\\, x+j]',
      task: {
        en: 'Apply Sobel x, then Sobel y, and hover over an output pixel to read its multiply-adds.',
        ko: '소벨 x를 적용한 뒤 소벨 y를 적용하고, 출력 픽셀 위에 마우스를 올려 곱셈과 덧셈을 읽어 보세요.',
      },
      check: ({ results }) => ['sobelX', 'sobelY'].every((id) => results.kernelLab.kernelsApplied.includes(id)) && results.kernelLab.inspected,
      hints: [
        { en: 'The kernel buttons sit above the grid; the output image is on the right.', ko: '커널 버튼은 격자 위에 있고, 출력 이미지는 오른쪽에 있습니다.' },
      ],
      setup: { panel: 'kernelLab', hide: LAB_HIDE },
      predict: {
        question: { en: 'Sobel x on an image with a vertical edge: what will the output show?', ko: '세로 경계가 있는 이미지에 소벨 x를 적용하면 출력에 무엇이 보일까요?' },
        options: [
          { en: 'A bright or dark line along the edge, flat areas near zero', ko: '경계를 따라 밝거나 어두운 선, 평평한 곳은 0 근처' },
          { en: 'A blurred copy of the image', ko: '흐릿해진 원래 이미지' },
          { en: 'Only the horizontal edges', ko: '가로 경계만' },
        ],
        answer: 0,
        reveal: {
          en: 'Sobel x weighs the right column +1, +2, +1 and the left one -1, -2, -1: it measures how fast brightness changes from left to right, so it answers on vertical edges and is zero on flat areas.',
          ko: '소벨 x는 오른쪽 열에 +1, +2, +1, 왼쪽 열에 -1, -2, -1을 곱합니다. 왼쪽에서 오른쪽으로 밝기가 얼마나 빨리 바뀌는지 재므로 세로 경계에서 반응하고 평평한 곳에서는 0입니다.',
        },
      },
    },
    {
      id: 'table',
      title: { en: 'The course\'s kernel table', ko: '강의 자료의 커널 표' },
      body: {
        en: 'The same operation does very different things depending on the weights: identity copies, the three edge detectors find outlines, sharpen boosts the centre, box and Gaussian blur average the neighbourhood. A CNN learns such kernels instead of being given them.',
        ko: '같은 연산이라도 가중치에 따라 하는 일이 전혀 다릅니다. 항등 커널은 그대로 복사하고, 세 경계 검출 커널은 윤곽을 찾고, 샤픈은 가운데를 강조하며, 박스 블러와 가우시안 블러는 이웃을 평균합니다. CNN은 이런 커널을 주어진 대로 쓰지 않고 스스로 배웁니다.',
      },
      formula: '\\tfrac{1}{16}\\begin{bmatrix}1&2&1\\\\2&4&2\\\\1&2&1\\end{bmatrix}',
      task: {
        en: 'Apply every kernel of the table: identity, the three edge detectors, sharpen, box blur and Gaussian blur.',
        ko: '표의 커널을 모두 적용해 보세요: 항등, 경계 검출 세 가지, 샤픈, 박스 블러, 가우시안 블러.',
      },
      check: ({ results }) => TABLE.every((id) => results.kernelLab.kernelsApplied.includes(id)),
      hints: [
        { en: 'Blur kernels add up to 1, so brightness stays; edge kernels add up to 0, so flat areas come out as 0, drawn mid-grey (negative values darker, positive brighter).', ko: '블러 커널의 합은 1이라 밝기가 유지되고, 경계 커널의 합은 0이라 평평한 곳은 0이 되어 중간 회색으로 그려집니다(음수는 더 어둡게, 양수는 더 밝게).' },
      ],
      setup: { panel: 'kernelLab', hide: LAB_HIDE },
    },
    {
      id: 'padding',
      title: { en: 'What happens at the border', ko: '가장자리에서 일어나는 일' },
      body: {
        en: 'At the border the kernel hangs over the image. Zero padding reads zeros there, so the image edge itself looks like an edge. Replicate copies the edge pixel outwards; mirror reflects the image about its edge pixel. Both keep flat areas flat.',
        ko: '가장자리에서는 커널이 이미지 밖으로 삐져나옵니다. 제로 패딩은 그곳을 0으로 읽어서 이미지 테두리 자체가 경계처럼 보입니다. 복제 패딩은 가장자리 픽셀을 바깥으로 복사하고, 미러 패딩은 가장자리 픽셀을 축으로 이미지를 뒤집어 읽습니다. 둘 다 평평한 곳을 평평하게 둡니다.',
      },
      task: {
        en: 'With an edge kernel applied, switch the padding to zero, replicate and mirror, and watch the output\'s border.',
        ko: '경계 커널을 적용한 채 패딩을 제로, 복제, 미러로 바꿔 가며 출력의 테두리를 살펴보세요.',
      },
      check: ({ results }) => ['zero', 'replicate', 'mirror'].every((m) => results.kernelLab.paddingsSeen.includes(m as 'zero')),
      hints: [
        { en: 'Hover over a corner pixel: the padded inputs are marked in its multiply-adds.', ko: '모서리 픽셀 위에 마우스를 올리면 곱셈과 덧셈 목록에 패딩된 입력이 표시됩니다.' },
      ],
      setup: { panel: 'kernelLab', hide: LAB_HIDE },
    },
    {
      id: 'edit',
      title: { en: 'Write your own kernel', ko: '나만의 커널 만들기' },
      body: {
        en: 'A kernel whose weights add up to zero ignores flat areas and answers only where brightness changes. Which change it answers depends on where its positive and negative weights sit.',
        ko: '가중치의 합이 0인 커널은 평평한 곳을 무시하고 밝기가 변하는 곳에서만 반응합니다. 어떤 변화에 반응할지는 양수와 음수 가중치의 위치가 정합니다.',
      },
      task: {
        en: 'Edit the grid into a horizontal-edge detector of your own: weights adding up to 0, the top row different from the bottom row, and not a kernel of the table.',
        ko: '격자를 고쳐 나만의 가로 경계 검출 커널을 만드세요. 가중치의 합은 0, 맨 윗줄과 맨 아랫줄은 서로 다르고, 표에 있는 커널이 아니어야 합니다.',
      },
      check: ({ results }) => {
        const k = results.kernelLab.customKernel;
        if (!k || kernelIdOf(k) !== null) return false;
        const sum = k.values.reduce((a, b) => a + b, 0);
        const row = (r: number) => k.values.slice(r * k.size, (r + 1) * k.size).reduce((a, b) => a + b, 0);
        return Math.abs(sum) < 1e-9 && Math.abs(row(0) - row(k.size - 1)) > 1e-9;
      },
      hints: [
        { en: 'Try 1 1 1 on the top row, 0 0 0 in the middle and -1 -1 -1 at the bottom.', ko: '맨 윗줄에 1 1 1, 가운데 줄에 0 0 0, 맨 아랫줄에 -1 -1 -1을 넣어 보세요.' },
      ],
      setup: { panel: 'kernelLab', hide: LAB_HIDE },
    },
    {
      id: 'colour',
      title: { en: 'Colour, channel by channel', ko: '컬러 이미지는 채널별로' },
      body: {
        en: 'A colour image has three channels, red, green and blue. An image filter runs the kernel over each channel on its own; a CNN\'s convolution layer goes further and adds the three results up, with a kernel slice per channel.',
        ko: '컬러 이미지에는 빨강, 초록, 파랑 세 채널이 있습니다. 이미지 필터는 채널마다 따로 커널을 적용하고, CNN의 합성곱 층은 채널마다 다른 커널 조각을 쓰고 세 결과를 더합니다.',
      },
      formula: 'y[x] = b + \\sum_{c=1}^{C} (I_c \\star K_c)[x]',
      task: {
        en: 'Open a colour image and show it channel by channel.',
        ko: '컬러 이미지를 열어 채널별로 보세요.',
      },
      check: ({ results }) => results.kernelLab.channelsViewed,
      hints: [{ en: 'Choose the colour pattern or a CIFAR-10 image, then tick "channel by channel".', ko: '컬러 패턴이나 CIFAR-10 이미지를 고른 뒤 "채널별로 보기"를 켜세요.' }],
      setup: { panel: 'kernelLab', hide: LAB_HIDE },
    },
    {
      id: 'learn',
      title: { en: 'Learn a kernel', ko: '커널 학습하기' },
      body: {
        en: 'A CNN is never told its kernels. Here the lab hides a kernel, shows you only the image and its output, and gradient descent starts from a blank grid: each step moves every weight against the gradient of the squared error, and the hidden kernel appears.',
        ko: 'CNN은 커널을 알려 받지 않습니다. 여기서는 실험실이 커널을 숨기고 이미지와 그 출력만 보여 줍니다. 경사 하강법이 빈 격자에서 시작해 매 단계 제곱 오차의 기울기 반대 방향으로 가중치를 옮기면, 숨은 커널이 드러납니다.',
      },
      formula: 'L = \\frac{1}{N}\\sum_{y,x} \\big((X \\star K)[y,x] - Y[y,x]\\big)^2, \\qquad K \\leftarrow K - \\eta\\, \\nabla_K L',
      task: {
        en: 'Run gradient descent until the loss is below 0.0001 and the learned kernel matches the hidden one.',
        ko: '손실이 0.0001 아래로 내려가고 학습된 커널이 숨은 커널과 같아질 때까지 경사 하강법을 실행하세요.',
      },
      check: ({ results }) => {
        const { learnedLoss, learnedDistance } = results.kernelLab;
        return learnedLoss !== null && learnedLoss < 1e-4 && learnedDistance !== null && learnedDistance < 0.05;
      },
      hints: [{ en: 'Press Run: a few hundred steps are enough. Watch which weights settle first.', ko: '실행을 누르세요. 수백 단계면 충분합니다. 어느 가중치가 먼저 자리를 잡는지 보세요.' }],
      setup: { panel: 'learnKernel', hide: LAB_HIDE },
    },
  ],
};
