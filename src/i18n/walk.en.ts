// Messages of the 'walk' namespace (English): results that no longer match, blocked training, fixes found
// while walking through the app as a student would.
export default {
  train: {
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
  stale: {
    network: 'These results come from the network as it was when trained. You have edited it since: train again to see results of the network shown.',
    statusNetwork: 'network edited since',
  },
};
