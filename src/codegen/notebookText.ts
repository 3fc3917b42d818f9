// The notebook's Markdown cells, in the app's two languages. Placeholders in {braces} are filled with
// text already made safe for Markdown (markdownText) or with numbers.
export type ExportLanguage = 'en' | 'ko';

export interface NotebookText {
  readonly title: string;
  readonly intro: string;
  readonly settings: string;
  readonly network: string;
  readonly table: readonly [string, string, string, string];
  readonly totals: string;
  readonly data: string;
  readonly load: string;
  readonly train: string;
  readonly plot: string;
  readonly save: string;
}

export const NOTEBOOK_TEXT: Readonly<Record<ExportLanguage, NotebookText>> = {
  en: {
    title: '# {name}: continuing the training from CNN Playground',
    intro: 'This notebook picks up where the app stopped: the same network as PyTorch code, the weights trained in the app, and the app\'s settings. Run the cells from top to bottom (in Colab: Runtime → Run all). It needs `weights.safetensors` beside it: in Colab, upload it first with the Files panel on the left.',
    settings: '## Settings\nEvery choice made in the app, as plain constants. Change them here; the cells below only read them.',
    network: '## The network\nThe blocks of the app as a PyTorch `nn.Module`. Images go in channels first, (N, C, H, W), values in [0, 1]; `forward` returns one score (logit) per class, `predict_proba` the probabilities the app shows.',
    table: ['Block', 'Kind', 'Output shape', 'Parameters'],
    totals: '{trainable} trainable parameters, plus {nonTrainable} batch-norm running statistics.',
    data: '## The data\n{data} Classes, in the order of the network\'s outputs: {classes}.',
    load: '## The trained weights\nLoads the app\'s weights and shows what they predict for the first test images, and their test loss and accuracy before any training here.',
    train: '## Training\nA plain PyTorch loop with the app\'s optimizer, learning-rate schedule, augmentation and weight decay. Each epoch ends with the test loss and accuracy.',
    plot: '## The app\'s run and this one\nThe app\'s curves first, then this notebook\'s, continuing along the same step axis.',
    save: '## Saving\nWrites the new weights (`trained.pt`, a PyTorch state_dict) and this run\'s numbers (`notebook_run.json`).',
  },
  ko: {
    title: '# {name}: CNN Playground에서 이어서 학습하기',
    intro: '이 노트북은 앱이 멈춘 곳에서 이어 갑니다. 같은 신경망을 PyTorch 코드로, 앱에서 학습한 가중치와 앱의 설정 그대로 씁니다. 위에서부터 차례로 셀을 실행하세요 (Colab: 런타임 → 모두 실행). 옆에 `weights.safetensors` 파일이 있어야 합니다. Colab에서는 먼저 왼쪽의 파일 창으로 올리세요.',
    settings: '## 설정\n앱에서 고른 값을 모두 상수로 적었습니다. 여기서 바꾸면 아래 셀들이 그 값을 읽습니다.',
    network: '## 신경망\n앱의 블록을 PyTorch `nn.Module`로 옮긴 코드입니다. 이미지는 채널이 앞에 오는 (N, C, H, W) 모양, 값은 [0, 1]입니다. `forward`는 클래스마다 점수(로짓) 하나를, `predict_proba`는 앱이 보여 주는 확률을 돌려줍니다.',
    table: ['블록', '종류', '출력 모양', '파라미터'],
    totals: '학습되는 파라미터 {trainable}개, 배치 정규화의 이동 통계 {nonTrainable}개.',
    data: '## 데이터\n{data} 신경망 출력 순서대로의 클래스: {classes}.',
    load: '## 학습된 가중치\n앱의 가중치를 불러와, 처음 몇 장의 테스트 이미지에 대한 예측과 여기서 학습하기 전의 테스트 손실·정확도를 보여 줍니다.',
    train: '## 학습\n앱의 옵티마이저, 학습률 스케줄, 데이터 증강, 가중치 감쇠를 그대로 쓰는 평범한 PyTorch 반복문입니다. 에포크마다 테스트 손실과 정확도를 출력합니다.',
    plot: '## 앱의 학습과 이 노트북의 학습\n앱의 곡선 다음에 이 노트북의 곡선이 같은 스텝 축을 따라 이어집니다.',
    save: '## 저장\n새 가중치(`trained.pt`, PyTorch state_dict)와 이번 학습의 수치(`notebook_run.json`)를 씁니다.',
  },
};

export const DATA_SOURCE: Readonly<Record<ExportLanguage, Readonly<Record<'mnist' | 'cifar10' | 'folder', string>>>> = {
  en: {
    mnist: 'MNIST, downloaded by torchvision into `DATA_DIR` the first time.',
    cifar10: 'CIFAR-10, downloaded by torchvision into `DATA_DIR` the first time (about 170 MB).',
    folder: 'Your own images: put them in `DATA_DIR/train/<class>/` and `DATA_DIR/test/<class>/` (one folder per class, as the app read them).',
  },
  ko: {
    mnist: 'MNIST입니다. 처음 실행할 때 torchvision이 `DATA_DIR`에 내려받습니다.',
    cifar10: 'CIFAR-10입니다. 처음 실행할 때 torchvision이 `DATA_DIR`에 내려받습니다 (약 170 MB).',
    folder: '직접 만든 이미지입니다. `DATA_DIR/train/<클래스>/`와 `DATA_DIR/test/<클래스>/`에 넣으세요 (앱에서처럼 클래스마다 폴더 하나).',
  },
};

export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
