// The READMEs of the notebook and ONNX exports, in English and Korean (one file, both languages: a class
// may read either). Class names are user text for an own image set: quoted as JSON strings, one line.
import type { DataShape } from '../model/spec';
import { ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, onnxInputShape } from './onnx/onnxModel';

const classList = (names: readonly string[]) => names.map((n, i) => `${i}: ${JSON.stringify(n)}`).join(', ');

export function onnxReadme(data: DataShape, classNames: readonly string[], output: readonly number[] = [data.numClasses]): string {
  const input = `[N, ${onnxInputShape(data).join(', ')}]`;
  return `ONNX model exported from CNN Playground (opset ${ONNX_OPSET}).

  model.onnx   the trained network: input "${ONNX_INPUT}", float32 ${input} (N, C, H, W: channels first,
               NCHW, as in the PyTorch export and the notebook), pixel values in [0, 1];
               output "${ONNX_OUTPUT}", float32 [N, ${output.join(', ')}], the class probabilities the app shows${output.length === 3 ? '\n               at every pixel (N, classes, H, W)' : ''}.
  Classes, in output order: ${classList(classNames)}

Run it in Python (pip install onnxruntime numpy):
  import numpy as np, onnxruntime as ort
  session = ort.InferenceSession("model.onnx")
  images = np.zeros((1, ${onnxInputShape(data).join(', ')}), dtype=np.float32)   # your images, NCHW, in [0, 1]
  probabilities = session.run(["${ONNX_OUTPUT}"], {"${ONNX_INPUT}": images})[0]
In JavaScript: onnxruntime-web or onnxruntime-node, InferenceSession.create("model.onnx") and the same names.
Images from the app, a canvas or TensorFlow.js are channels last (N, H, W, C): transpose them to (N, C, H, W) first.
Open model.onnx in Netron (netron.app) to see the graph; the file's metadata repeats these names and shapes.

----

CNN Playground에서 내보낸 ONNX 모델입니다 (opset ${ONNX_OPSET}).

  model.onnx   학습된 신경망. 입력 "${ONNX_INPUT}": float32 ${input} (N, C, H, W: 채널이 앞, NCHW.
               PyTorch 내보내기, 노트북과 같습니다), 픽셀 값은 [0, 1].
               출력 "${ONNX_OUTPUT}": float32 [N, ${data.numClasses}], 앱이 보여 주는 클래스별 확률.
  출력 순서대로의 클래스: ${classList(classNames)}

Python에서 실행 (pip install onnxruntime numpy): 위 영어 설명의 코드와 같습니다.
JavaScript에서는 onnxruntime-web 또는 onnxruntime-node로 같은 이름을 씁니다.
앱, canvas, TensorFlow.js의 이미지는 채널이 뒤 (N, H, W, C)입니다. 먼저 (N, C, H, W)로 바꾸세요 (transpose).
Netron (netron.app)에서 model.onnx를 열면 그래프를 볼 수 있고, 파일의 메타데이터에도 이 이름과 모양이 적혀 있습니다.
`;
}

export function notebookReadme(classNames: readonly string[]): string {
  return `Jupyter notebook exported from CNN Playground: the network in PyTorch, the app's trained weights, and
a training loop that continues with the app's settings.

  notebook.ipynb       open in Jupyter (jupyter notebook notebook.ipynb) or Colab (File -> Upload notebook)
  weights.safetensors  the app's trained weights; keep it beside the notebook (in Colab: upload it with the
                       Files panel on the left before running the cells)

Needs torch, torchvision and (for the plots) matplotlib: pip install torch torchvision matplotlib.
MNIST and CIFAR-10 are downloaded by torchvision into data/ the first time; an own image set goes into
data/train/<class>/ and data/test/<class>/.
Images are channels first (N, C, H, W), values in [0, 1]. Classes, in output order: ${classList(classNames)}

----

CNN Playground에서 내보낸 Jupyter 노트북입니다. PyTorch로 옮긴 신경망, 앱에서 학습한 가중치, 앱의 설정으로
학습을 이어 가는 반복문이 들어 있습니다.

  notebook.ipynb       Jupyter (jupyter notebook notebook.ipynb) 또는 Colab (파일 -> 노트북 업로드)에서 여세요
  weights.safetensors  앱에서 학습한 가중치. 노트북 옆에 두세요 (Colab에서는 셀을 실행하기 전에 왼쪽 파일 창으로 올리세요)

torch, torchvision, 그리고 그래프를 그리려면 matplotlib이 필요합니다: pip install torch torchvision matplotlib.
MNIST와 CIFAR-10은 처음 실행할 때 torchvision이 data/에 내려받습니다. 직접 만든 이미지는
data/train/<클래스>/와 data/test/<클래스>/에 넣으세요.
이미지는 채널이 앞 (N, C, H, W), 값은 [0, 1]입니다. 출력 순서대로의 클래스: ${classList(classNames)}
`;
}
