// Messages of the 'a11y' namespace (English): text alternatives for charts.
export default {
  blockTable: 'Blocks of the network, one row each (scrolls sideways when wide)',
  chart: {
    noData: 'No training data yet.',
    latest: 'Latest: batch {{step}}, training loss {{loss}}, training accuracy {{accuracy}}%.',
    latestLoss: 'Latest: batch {{step}}, training loss {{loss}}.',
    showTable: 'Show the data as a table',
    hideTable: 'Hide the table',
    caption_one: '{{count}} point of the loss curve, up to batch {{step}} (as of when the table was opened)',
    caption_other: '{{count}} points of the loss curve, up to batch {{step}} (as of when the table was opened)',
    step: 'Batch',
    loss: 'Training loss',
    accuracy: 'Training accuracy',
  },
};
