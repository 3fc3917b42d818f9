// The README.txt of the TensorFlow.js and PyTorch exports: what a newcomer needs to use the files without
// the playground beside them. Class names are user text (a dataset made from one's own folders): they are
// written one per line with every control character made visible, so a name cannot forge README lines.
import { DATASETS, isBuiltinDatasetId } from '../data/registry';
import type { DataShape } from '../model/spec';
import { TFJS_WEIGHTS_FILE } from './tfjsModel';

export interface ReadmeInput {
  readonly datasetId: string;
  readonly data: DataShape;
  /** The class names in output order, when the caller knows them (a dataset of the user's own images). */
  readonly classNames?: readonly string[];
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** "  0  airplane" lines: output index and class name, in the order the network's outputs come. */
export function classOrder({ datasetId, data, classNames }: ReadmeInput): string {
  const builtin = isBuiltinDatasetId(datasetId) ? DATASETS.find((d) => d.id === datasetId)?.classNames : undefined;
  const names = classNames ?? builtin;
  if (names === undefined || names.length !== data.numClasses) {
    return `  ${data.numClasses} classes, in the order of the dataset's classNames (meta.json) in the playground.`;
  }
  return names.map((name, i) => `  ${String(i).padStart(3)}  ${oneLine(name)}`).join('\n');
}

const layout = ({ inputShape }: DataShape, channelsFirst: boolean): string => {
  const [h, w, c] = inputShape;
  return channelsFirst ? `(N, ${c}, ${h}, ${w})` : `[N, ${h}, ${w}, ${c}]`;
};

export function tfjsReadme(input: ReadmeInput): string {
  return `TensorFlow.js LayersModel exported from CNN Playground.

model.json must be served over HTTP: a browser will not load it (nor ${TFJS_WEIGHTS_FILE} beside it) from a
file:// address. In this folder, for example:

  python3 -m http.server 8000        # then open a page of yours at http://localhost:8000/

  const model = await tf.loadLayersModel('http://localhost:8000/model.json');
  const probabilities = model.predict(images);   // images: ${layout(input.data, false)}, channels last, values in [0, 1]

predict() runs in inference mode (dropout off, batch norm on its moving averages). The outputs are the
probabilities of the classes, in this order:
${classOrder(input)}

Only standard Keras layer classes are used. If elu-alpha.js is in this folder, the network has an ELU with
alpha != 1, which TensorFlow.js 4.x refuses: call registerEluAlpha(tf) from it before loading.
If dense-layers.js is in this folder, a transposed convolution has an output padding or a dilation, or an
upsampling is bilinear, which TensorFlow.js 4.x computes otherwise: call registerDenseLayers(tf) from it first.
If vit-layers.js is in this folder, the network has transformer blocks (class token, position embeddings,
self-attention, MLP, token head), which TensorFlow.js has no layers for: call registerVitLayers(tf) from it
before loading. The Python converter does not know those layers.
In Python, tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras_saved_model converts it.
`;
}

export function pytorchReadme(input: ReadmeInput & { readonly trainData: 'mnist' | 'cifar10' | 'folder' }): string {
  return `PyTorch export from CNN Playground.

  model.py             the network as an nn.Module (Net), and load_weights()
  weights.safetensors  the trained weights as a state_dict (safetensors format; read with torch alone)
  train.py             continues training the way the playground trained (optimizer, schedule, augmentation)

Install PyTorch first: pip install torch (see pytorch.org for a GPU build), or on Debian / Ubuntu
sudo apt install python3-torch. Images in folders (train.py --data folder) also need Pillow (pip install pillow).

  from model import Net, load_weights
  net = Net()
  load_weights(net, "weights.safetensors")
  net.eval()                      # before predicting: dropout off, batch norm on its running statistics
  probabilities = net.predict_proba(images)

Images go in channels first, ${layout(input.data, true)}, float values in [0, 1]. forward() returns logits;
predict_proba() the probabilities the playground shows. The classes, in output order:
${classOrder(input)}

Training data for train.py (--data ${input.trainData} by default):
  --data mnist    DATA holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
                  t10k-labels-idx1-ubyte (optionally .gz)
  --data cifar10  DATA holds the binary version's data_batch_1.bin ... data_batch_5.bin and test_batch.bin
  --data folder   DATA/train/<class>/*.png|jpg and DATA/test/<class>/*.png|jpg, classes in sorted order

  python3 train.py --data-dir DATA
  torchrun --nproc_per_node=N train.py --data-dir DATA         # N processes (GPUs or CPU cores)

Debian 12's torchrun (torch 1.13 on Python 3.11) fails on its own defaults: add --redirects 1 --tee 1,
  torchrun --redirects 1 --tee 1 --nproc_per_node=N train.py --data-dir DATA
`;
}
