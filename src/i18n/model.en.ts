// Messages of the 'model' namespace: block names, field labels and one sentence per issue code
// (src/model/issues.ts lists the values each code carries). Nested $t() calls name the namespace
// explicitly so they resolve however the caller picked it (useTranslation('model') or 'model:issue.x').
export default {
  kind: {
    input: 'Input',
    conv2d: 'Convolution',
    activation: 'Activation',
    maxpool2d: 'Max pooling',
    avgpool2d: 'Average pooling',
    flatten: 'Flatten',
    dense: 'Dense (fully connected)',
    softmax: 'Softmax output',
  },
  field: {
    filters: 'Filters',
    kernel: 'Kernel size',
    stride: 'Stride',
    padding: 'Padding',
    units: 'Units',
    size: 'Pool size',
    fn: 'Function',
    id: 'Block id',
    inputShape: 'Input shape',
    numClasses: 'Number of classes',
  },
  /** What a valid value looks like, per field; appended to issue.invalidValue. */
  hint: {
    filters: 'Use a whole number of 1 or more.',
    kernel: 'Use a whole number of 1 or more.',
    stride: 'Use a whole number of 1 or more.',
    padding: 'Use "valid", "same" or a whole number of 0 or more.',
    units: 'Use a whole number of 1 or more.',
    size: 'Use a whole number of 1 or more.',
    fn: 'Choose ReLU, sigmoid, tanh or linear.',
    id: 'Use up to 64 letters, digits, "-", "_" or ".", starting with a letter or digit.',
    inputShape: 'Every size of the dataset input must be a whole number of 1 or more.',
    numClasses: 'The dataset needs at least 1 class.',
  },
  axis: {
    height: 'height',
    width: 'width',
    both: 'height and width',
  },
  padding: {
    valid: 'None (valid)',
    same: 'Keep the size (same)',
    explicit: '{{value}} px on each side',
  },
  activation: {
    relu: 'ReLU',
    sigmoid: 'Sigmoid',
    tanh: 'tanh',
    linear: 'None (linear)',
  },
  issue: {
    duplicateId: 'Two blocks share the id "{{id}}": every block needs its own.',
    unknownKind: 'Unknown block type "{{kind}}".',
    unknownInput: 'This block reads from "{{input}}", but there is no block with that id.',
    missingInput: 'This block has no input: connect the block before it.',
    wrongInputCount: 'This block takes {{expected}} input(s), but {{actual}} are connected.',
    cycle: 'This block is part of a loop, so its data would flow back into itself. Remove one connection of the loop.',
    noInputBlock: 'The network has no input block.',
    multipleInputBlocks: 'There are {{count}} input blocks; a network has exactly one.',
    noOutput: 'The network has no softmax output block: end it with one, so it can predict a class.',
    multipleOutputs: 'The network ends in {{count}} output blocks; it must end in exactly one.',
    outputNotLast: 'The softmax output must be the last block: nothing may come after it.',
    deadEnd: "This block's output goes nowhere: connect it to the next block or delete it.",
    unreachable: 'This block is not connected to the network.',
    invalidValue: '$t(model:field.{{field}}) cannot be "{{value}}". $t(model:hint.{{field}})',
    needsSpatialInput:
      'This block slides a window over an image (height × width × channels), but its input has shape {{shape}}. Place it before Flatten.',
    denseNeedsFlatten: 'This block needs a flat list of numbers, but its input has shape {{shape}}. Put a Flatten block before it.',
    kernelTooLarge:
      'The {{kernel}}×{{kernel}} window is larger than the {{height}}×{{width}} input (padding {{padding}}), so the output would be empty. Use a smaller window, more padding, or less pooling before this block.',
    strideDoesNotFit:
      'With stride {{stride}}, the {{kernel}}-pixel window does not fit evenly along the $t(model:axis.{{axis}}) ({{input}} pixels): the last {{dropped}} pixel(s) are never looked at.',
    tooLarge: "This block's output would hold {{elements}} numbers, more than the {{limit}} a browser can handle.",
    tooManyParams: 'This block would have {{params}} parameters, more than the {{limit}} a browser can handle.',
  },
  preset: {
    lenet5: 'LeNet-5 (the classic CNN)',
    mlp: 'Simple MLP (no convolution)',
    tinyCnn: 'Tiny CNN (fast)',
  },
};
