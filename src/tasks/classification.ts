// Classification: one class per image. The network ends in a head with one score per class (the softmax
// block); training minimises the cross-entropy of the softmax of those scores, and reports the share of
// examples whose highest score is the right class. Exported code keeps the raw scores (logits) as the
// network's output, with the softmax in the loss (PyTorch) or as the last layer (Keras), as the app does.
import type { TaskModule } from './types';

export const classificationTask: TaskModule = {
  id: 'classification',
  target: 'classPerImage',
  metrics: ['loss', 'accuracy'],
  score: 'accuracy',
  targetSize: (data) => data.numClasses,
  writeTarget(source, index, out, at, data) {
    const label = source.labels[index] ?? 0;
    if (label >= data.numClasses) throw new Error(`label ${label} does not fit ${data.numClasses} one-hot classes`);
    out.fill(0, at, at + data.numClasses);
    out[at + label] = 1;
  },
  outputShape: (data) => [data.numClasses],
  pytorch: {
    loss: 'nn.CrossEntropyLoss()',
    predict: 'return torch.softmax(self.forward(x), dim=1)',
  },
  keras: {
    loss: '"sparse_categorical_crossentropy"',
    metrics: '["accuracy"]',
  },
};
