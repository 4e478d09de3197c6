/**
 * readFigures on a worker thread: the file is read, decoded, tokenized and checked on another core
 * while the caller writes the batches before it. Same batches, errors, rejected rows, meta and
 * refusals (AppError) as readFigures; the records cross the thread in typed arrays (transferred,
 * not cloned), so receiving a million of them costs the caller ~0.1 s instead of the ~1.6 s the
 * reading itself costs (docs/performance.md, "Round six").
 *
 * The worker runs at most MAX_AHEAD batches ahead of the caller (each one a few hundred KB), and
 * is stopped when the generator finishes, throws or is closed early (`return()`).
 */
import { Worker } from 'node:worker_threads';
import { monthNumber, monthPeriod } from '../../domain/months.ts';
import { AppError } from '../errors.ts';
import type { Batch, FigureColumns, FigureRecord, FileSource, IngestLookup, IngestMeta, ReadOptions } from './types.ts';

/** Batches the worker may have sent that the caller has not taken yet. */
export const MAX_AHEAD = 4;

/** One batch's records as columns: numbers in typed arrays, null quantities as NaN. */
export interface PackedFigures {
  n: number;
  row: Float64Array;
  unitId: Float64Array;
  categoryId: Float64Array;
  amount: Float64Array;
  quantityMilli: Float64Array;
  /** monthNumber of the period (domain/months.ts). */
  month: Int32Array;
  /** Index into the column sets sent so far (a file has one, or one per wide category). */
  columns: Uint16Array;
  /** Column sets first used in this batch, appended in order. */
  newColumns: FigureColumns[];
  /** Null when no record of the batch has a note. */
  notes: (string | null)[] | null;
}

export interface PackedBatch {
  figures: PackedFigures;
  errors: Batch<FigureRecord>['errors'];
  rejected: Batch<FigureRecord>['rejected'];
}

/** The worker side: records to columns. Column sets are numbered by identity, once per file. */
export class FigurePacker {
  private readonly columns = new Map<FigureColumns, number>();

  pack(batch: Batch<FigureRecord>): { message: PackedBatch; transfer: ArrayBuffer[] } {
    const recs = batch.records;
    const n = recs.length;
    const f: PackedFigures = {
      n,
      row: new Float64Array(n),
      unitId: new Float64Array(n),
      categoryId: new Float64Array(n),
      amount: new Float64Array(n),
      quantityMilli: new Float64Array(n),
      month: new Int32Array(n),
      columns: new Uint16Array(n),
      newColumns: [],
      notes: null,
    };
    for (let i = 0; i < n; i++) {
      const r = recs[i];
      f.row[i] = r.row;
      f.unitId[i] = r.unitId;
      f.categoryId[i] = r.categoryId;
      f.amount[i] = r.amount;
      f.quantityMilli[i] = r.quantityMilli ?? NaN;
      f.month[i] = monthNumber(r.period);
      let c = this.columns.get(r.columns);
      if (c === undefined) {
        this.columns.set(r.columns, (c = this.columns.size));
        f.newColumns.push(r.columns);
      }
      f.columns[i] = c;
      if (r.note !== null) (f.notes ??= new Array<string | null>(n).fill(null))[i] = r.note;
    }
    const transfer = [f.row, f.unitId, f.categoryId, f.amount, f.quantityMilli, f.month, f.columns].map(
      (a) => a.buffer as ArrayBuffer,
    );
    return { message: { figures: f, errors: batch.errors, rejected: batch.rejected }, transfer };
  }
}

/** The caller's side: columns back to records, each period string made once per file. */
export class FigureUnpacker {
  private readonly columns: FigureColumns[] = [];
  private readonly periods = new Map<number, string>();

  unpack(message: PackedBatch): Batch<FigureRecord> {
    const f = message.figures;
    for (const c of f.newColumns) this.columns.push(c);
    const records = new Array<FigureRecord>(f.n);
    for (let i = 0; i < f.n; i++) {
      const m = f.month[i];
      let period = this.periods.get(m);
      if (period === undefined) this.periods.set(m, (period = monthPeriod(m)));
      const q = f.quantityMilli[i];
      // The same fields in the same order as the reader's records (one hidden class).
      records[i] = {
        row: f.row[i],
        columns: this.columns[f.columns[i]],
        unitId: f.unitId[i],
        categoryId: f.categoryId[i],
        period,
        amount: f.amount[i],
        quantityMilli: Number.isNaN(q) ? null : q,
        note: f.notes ? f.notes[i] : null,
      };
    }
    return { records, errors: message.errors, rejected: message.rejected };
  }
}

/** An error thrown by the reader, as it crosses the thread. */
export type ThrownInWorker =
  | {
      app: {
        status: AppError['status'];
        code: string;
        message: string;
        details?: unknown;
        retryAfterSeconds?: number;
        params?: AppError['params'];
      };
    }
  | { error: { name: string; message: string; stack?: string } };

export function serializeThrown(e: unknown): ThrownInWorker {
  if (e instanceof AppError)
    return {
      app: {
        status: e.status,
        code: e.code,
        message: e.message,
        details: e.details,
        retryAfterSeconds: e.retryAfterSeconds,
        params: e.params,
      },
    };
  const err = e instanceof Error ? e : new Error(String(e));
  return { error: { name: err.name, message: err.message, stack: err.stack } };
}

export function reviveThrown(t: ThrownInWorker): Error {
  if ('app' in t) {
    const a = t.app;
    return new AppError(a.status, a.code, a.message, a.details, a.retryAfterSeconds, a.params);
  }
  const e = new Error(t.error.message);
  e.name = t.error.name;
  if (t.error.stack) e.stack = t.error.stack;
  return e;
}

/** What the worker is started with. */
export interface FiguresWorkerData {
  src: FileSource;
  lookup: IngestLookup;
  opts: ReadOptions;
}

/** Worker → caller. The caller answers each `batch` with any message (one credit back). */
export type FiguresWorkerMessage =
  ({ type: 'batch' } & PackedBatch) | { type: 'done'; meta: IngestMeta } | { type: 'thrown'; thrown: ThrownInWorker };

/**
 * The worker's module beside this one: `.js` when compiled (build/), `.ts` under tsx or Vitest,
 * where the worker registers tsx itself before importing it.
 */
function startWorker(workerData: FiguresWorkerData): Worker {
  const here = import.meta.url;
  const ts = here.endsWith('.ts');
  const entry = new URL(`./figures.worker.${ts ? 'ts' : 'js'}`, here).href;
  // The reading's garbage is short-lived: a 4 MB young generation (V8's default grows to 16+)
  // keeps a million-row import's peak RSS ~10 MB lower at no measurable cost (the thread waits
  // for the writer most of the time).
  const options = { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } };
  if (!ts) return new Worker(new URL(entry), options);
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { ...options, eval: true });
}

let running = 0;
/** Reading threads started and not yet stopped (for tests: none is left behind). */
export function readWorkersRunning(): number {
  return running;
}

type Event = FiguresWorkerMessage | { type: 'failed'; error: Error } | { type: 'exit'; code: number };

/** readFigures, read on a worker thread (see the top of this file). */
export async function* readFiguresInWorker(
  src: FileSource,
  lookup: IngestLookup,
  opts: ReadOptions = {},
): AsyncGenerator<Batch<FigureRecord>, IngestMeta> {
  const worker = startWorker({ src, lookup, opts });
  running++;
  const events: Event[] = [];
  let wake: (() => void) | null = null;
  const push = (e: Event) => {
    events.push(e);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: FiguresWorkerMessage) => push(m));
  worker.on('error', (error: Error) => push({ type: 'failed', error }));
  worker.on('exit', (code: number) => push({ type: 'exit', code }));
  const unpacker = new FigureUnpacker();
  try {
    for (;;) {
      if (!events.length) await new Promise<void>((resolve) => (wake = resolve));
      const e = events.shift()!;
      if (e.type === 'batch') {
        // Taken: the worker may read one more batch ahead while this one is written.
        worker.postMessage(0);
        yield unpacker.unpack(e);
      } else if (e.type === 'done') return e.meta;
      else if (e.type === 'thrown') throw reviveThrown(e.thrown);
      else if (e.type === 'failed') throw e.error;
      else
        throw new Error(
          `the worker reading "${src.fileName}" stopped before the end of the file (exit code ${e.code})`,
        );
    }
  } finally {
    worker.removeAllListeners();
    // An error the thread raises while it is being stopped has no one to tell; unheard, it would
    // be thrown as an unhandled 'error' event.
    worker.on('error', () => {});
    await worker.terminate();
    running--;
  }
}
