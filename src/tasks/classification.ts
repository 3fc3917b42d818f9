// Classification: one class per image. The network ends in a head with one score per class (the softmax
// block); training minimises the cross-entropy of the softmax of those scores, and reports the share of
// examples whose highest score is the right class. Exported code keeps the raw scores (logits) as the
// network's output, with the softmax in the loss (PyTorch) or as the last layer (Keras), as the app does.
import type { TaskModule } from './types';

export const classificationTask: TaskModule = {
  id: 'classification',
  target: 'classPerImage',
  metrics: ['loss', 'accuracy'],
  pytorch: {
    loss: 'nn.CrossEntropyLoss()',
    predict: 'return torch.softmax(self.forward(x), dim=1)',
  },
  keras: {
    loss: '"sparse_categorical_crossentropy"',
    metrics: '["accuracy"]',
  },
};
