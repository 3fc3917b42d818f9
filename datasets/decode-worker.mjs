// Worker side of decode-pool.mjs: decodes one contiguous chunk of images and sends the pixels back.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeAll } from './decode-image.mjs';

const { files, shape } = workerData;
const result = decodeAll(files, shape);
parentPort?.postMessage(result, [result.pixels.buffer]);
