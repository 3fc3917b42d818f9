// CPU time of one training step of a preset on wasm in Node, split by kernel (kernelCpu.ts). Process CPU
// time rather than wall time: seven engineers share this machine's two cores, and contention stretches
// wall time far more than CPU time. Env: NET=cifarBn|lenet5 (default cifarBn), BATCH (64), STEPS (20),
// BY_SHAPE=1 for one row per kernel and input shapes.
import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradientKernels } from '../../src/train/kernels';
import { buildModel } from '../../src/train/buildModel';
import { trainStep, trainableVariables } from '../../src/train/steps';
import { createBatchBuffers } from '../../src/data/batches';
import { cifarBn } from '../../src/model/presetNets';
import { lenet5Mnist } from '../../src/model/presets';
import { cpuMs, trackWasmKernelCpu } from './kernelCpu';

it('profiles a training step', async () => {
  const net = process.env.NET ?? 'cifarBn';
  const batch = Number(process.env.BATCH ?? 64);
  const steps = Number(process.env.STEPS ?? 20);
  registerWasmGradientKernels();
  await tf.setBackend('wasm');
  const cifar = net !== 'lenet5';
  const shape: [number, number, number] = cifar ? [32, 32, 3] : [28, 28, 1];
  const built = buildModel(cifar ? cifarBn() : lenet5Mnist(), { inputShape: shape, numClasses: 10 }, 1);
  const buffers = createBatchBuffers(batch, shape[0] * shape[1] * shape[2], 10);
  for (let i = 0; i < buffers.x.length; i++) buffers.x[i] = Math.random();
  for (let k = 0; k < batch; k++) buffers.y[k * 10 + (k % 10)] = 1;
  const variables = trainableVariables(built.model);
  const ctx = { logits: built.logits, optimizer: tf.train.adam(0.001), variables, weightDecay: 0, decayed: [],
    inputShape: shape, numClasses: 10 };
  const step = () => trainStep(ctx, buffers, batch).forEach((t) => { t?.dataSync(); t?.dispose(); });
  for (let i = 0; i < 3; i++) step();
  const tracker = trackWasmKernelCpu(process.env.BY_SHAPE === '1');
  const tensors = tf.memory().numTensors;
  const start = cpuMs();
  const wallStart = performance.now();
  for (let i = 0; i < steps; i++) step();
  const total = (cpuMs() - start) / steps;
  const wall = (performance.now() - wallStart) / steps;
  tracker.restore();
  const rows = [...tracker.totals].map(([name, { ms, calls }]) => ({ name, msPerStep: +(ms / steps).toFixed(2),
    callsPerStep: calls / steps, share: +((ms / steps / total) * 100).toFixed(1) })).sort((a, b) => b.msPerStep - a.msPerStep);
  console.table(rows);
  console.log(JSON.stringify({ net, batch, cpuMsPerStep: +total.toFixed(1), wallMsPerStep: +wall.toFixed(1),
    imagesPerCpuSecond: Math.round((batch * 1000) / total), tensorsFlat: tf.memory().numTensors === tensors }));
  built.dispose();
});
