/**
 * The worker thread of readFiguresInWorker (figures.threaded.ts): reads the file with readFigures
 * and posts each batch packed into typed arrays, at most MAX_AHEAD batches ahead of the caller.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFigures } from './figures.reader.ts';
import {
  FigurePacker,
  MAX_AHEAD,
  serializeThrown,
  type FiguresWorkerData,
  type FiguresWorkerMessage,
} from './figures.threaded.ts';

const port = parentPort!;
const { src, lookup, opts } = workerData as FiguresWorkerData;
const post = (m: FiguresWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let ahead = 0;
let wake: (() => void) | null = null;
// Each message from the caller: one batch taken.
port.on('message', () => {
  ahead--;
  wake?.();
  wake = null;
});

try {
  const batches = readFigures(src, lookup, opts);
  const packer = new FigurePacker();
  for (;;) {
    const step = await batches.next();
    if (step.done) {
      post({ type: 'done', meta: step.value });
      break;
    }
    const { message, transfer } = packer.pack(step.value);
    post({ type: 'batch', ...message }, transfer);
    if (++ahead >= MAX_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
  }
} catch (e) {
  post({ type: 'thrown', thrown: serializeThrown(e) });
}
// The caller stops this thread once it has the last message (the port's listener keeps it till then).
