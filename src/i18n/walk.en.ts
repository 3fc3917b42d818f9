// Messages of the 'walk' namespace (English): results that no longer match, blocked training, fixes found
// while walking through the app as a student would.
export default {
  train: {
    studyShape: '{{name}} is shown as published, for {{shape}} inputs, which none of the datasets here has: it is for study. Pick a trainable preset (such as LeNet-5) to train.',
    fixBlock: 'Fix the network first: {{block}}: {{reason}}',
    fixFields: 'Fix these fields before training (they show values the run would not use): {{names}}.',
  },
  diverged: {
    tested: 'A short test on a few batches found that {{suggested}} trains this network.',
    testing: 'looking for a learning rate that trains…',
    status: 'Training stopped: the loss blew up (see the training panel).',
  },
  upload: {
    tooSmall: '“{{name}}” is only {{width}}×{{height}} pixels: too small to show anything. Use a picture at least {{min}} pixels on each side.',
    resizedGrey: '“{{name}}” ({{width}}×{{height}}) was made grey, inverted if its background was light, then shrunk and centred into {{w}}×{{h}} like the MNIST digits.',
    resizedColour: '“{{name}}” ({{width}}×{{height}}): its centre was cropped to the network’s shape and resized to {{w}}×{{h}}.',
  },
  classNames: {
    cifar10: { airplane: 'airplane', automobile: 'automobile', bird: 'bird', cat: 'cat', deer: 'deer', dog: 'dog',
      frog: 'frog', horse: 'horse', ship: 'ship', truck: 'truck' },
    shapes: { background: 'background', circle: 'circle', square: 'square', triangle: 'triangle' },
    mnistScenes: { background: 'background' },
    mnistSceneMasks: { background: 'background' },
  },
  backendReason: {
    noGpu: 'automatic: no GPU',
    software: 'automatic: the GPU renderer is software ({{detail}}), so WebAssembly is faster',
    gpu: 'automatic: GPU renderer {{detail}}',
    user: 'chosen by you',
    fellBack: 'fell back to {{detail}}',
    noWebgl: 'WebGL unavailable: {{detail}}',
    webgpu: 'automatic: WebGPU adapter {{detail}}',
    webgpuSoftware: 'WebGPU skipped: its adapter is software ({{detail}})',
    noWebgpuAdapter: 'WebGPU unavailable: the browser offers no GPU adapter',
    noWebgpu: 'WebGPU unavailable: {{detail}}',
  },
  flow: {
    nodeHelp: 'Press Enter or Space to select a block, then the arrow keys to move it, Delete to remove it, Escape to cancel.',
    nodeHelpNoKeys: 'Press Enter or Space to select a block.',
    moved: 'Block moved {{direction}} to x {{x}}, y {{y}}',
    direction: { up: 'up', down: 'down', left: 'left', right: 'right' },
    edgeHelp: 'Press Enter or Space to select a connection, Delete to remove it, Escape to cancel.',
    controls: 'Canvas controls',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitView: 'Fit the network in view',
    interactive: 'Lock or unlock the canvas',
    minimap: 'Overview map',
    handle: 'Connection point',
  },
  predict: {
    hintPhotos: 'Upload a photo of one of the classes ({{classes}}), or draw on the black pad: this network learned from photos, so a drawing tells it less.',
  },
  link: {
    noVersion: 'It has no link format mark (v=), so it was not made with Copy link here; the default experiment is shown instead.',
    param: {
      data: 'Dataset', val: 'Validation share', opt: 'Optimizer', lr: 'Learning rate', mom: 'Momentum', sched: 'Learning-rate schedule',
      wd: 'Weight decay', aug: 'Augmentation', bs: 'Batch size', ep: 'Epochs', seed: 'Random seed', labels: 'Labels used for training',
    },
  },
  stale: {
    network: 'These results come from the network as it was when trained. You have edited it since: train again to see results of the network shown.',
    statusNetwork: 'network edited since',
  },
};
