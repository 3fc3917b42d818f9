// Messages of data-parallel training: how many workers train a run and why, and the setting that keeps one.
export default {
  /** After "Running on …" in the status bar. */
  count_one: ' · {{count}} worker',
  count_other: ' · {{count}} workers',
  reason: {
    cores: 'Data-parallel: {{count}} workers for {{cores}} logical cores (every core on 2, one left for the page from 3 on). Each worker takes the gradient of its share of every batch; the gradients are averaged and every step applies one update, as one worker would. Batch norm takes its statistics over fixed groups of at least 32 examples, set by the batch size, so the run is the same on any number of workers.',
    chosen: 'One worker, as chosen in the Train panel.',
    'one-core': 'One worker: this device reports one core, or none.',
    gpu: 'One worker: a GPU backend already computes in parallel on the GPU; more workers would wait for the same GPU.',
    'small-batch': 'One worker: the batch is too small to share (one example, or with batch norm under 64: its statistics need groups of 32).',
    'small-network': 'One worker: this network is small, so the fixed cost of every step and sending the weights and gathering the gradients would eat what a second core gains (measured on 2 cores: LeNet-5 at batch 64 trains no faster on two workers; from batch 128 it does).',
    'no-workers': 'One worker: this browser cannot start workers inside the training worker.',
    failed: 'One worker: the helper workers stopped or could not start ({{detail}}).',
  },
  setting: 'Train in one worker only',
  settingHint: 'Off: on a CPU backend every core helps with each batch (data-parallel).',
};
