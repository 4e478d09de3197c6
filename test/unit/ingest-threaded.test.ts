/**
 * readFiguresInWorker (server/ingest/figures.threaded.ts) reads the same batches as readFigures:
 * every figures file of the fixtures, batch by batch, with its errors, rejected rows, meta and
 * refusals; the packing of records into typed arrays loses nothing; the thread is stopped however
 * the reading ends.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFigures } from '../../server/ingest/index.ts';
import {
  FigurePacker,
  FigureUnpacker,
  readFiguresInWorker,
  readWorkersRunning,
} from '../../server/ingest/figures.threaded.ts';
import type { Batch, FigureRecord, FileSource, ReadOptions } from '../../server/ingest/index.ts';
import type { FigureColumns } from '../../server/ingest/types.ts';
import { AppError } from '../../server/errors.ts';
import { demoLookup, SAMPLES } from '../fixtures/ingest/lookup.ts';

const INGEST = path.resolve(import.meta.dirname, '../fixtures/ingest');

/** Every batch and the meta, or what was thrown. */
async function batchesOf(gen: AsyncGenerator<Batch<FigureRecord>, unknown>) {
  const batches: Batch<FigureRecord>[] = [];
  try {
    for (;;) {
      const n = await gen.next();
      if (n.done) return { batches, meta: n.value };
      batches.push(n.value);
    }
  } catch (e) {
    return { batches, thrown: e };
  }
}

const fieldsOf = (e: unknown) => {
  const a = e as AppError;
  return { name: a.name, status: a.status, code: a.code, message: a.message, details: a.details, params: a.params };
};

const figureFiles = [
  ...readdirSync(SAMPLES)
    .filter((f) => /^figures-.*\.(csv|xlsx)$/.test(f))
    .map((f) => path.join(SAMPLES, f)),
  ...readdirSync(INGEST)
    .filter((f) => /^long-.*\.(csv|tsv|txt|xlsx)$/.test(f))
    .map((f) => path.join(INGEST, f)),
];

describe('readFiguresInWorker', () => {
  it('finds the figure files it compares', () => {
    expect(figureFiles.length).toBeGreaterThanOrEqual(14);
  });

  // Batches of 7 records: many batches, so the worker waits for the caller (MAX_AHEAD) many times.
  for (const file of figureFiles)
    it(`${path.basename(file)}: the same batches, errors, rejected rows and meta as readFigures`, async () => {
      const src: FileSource = { fileName: path.basename(file), path: file };
      const opts: ReadOptions = { batchSize: 7 };
      const here = await batchesOf(readFigures(src, demoLookup, opts));
      const there = await batchesOf(readFiguresInWorker(src, demoLookup, opts));
      expect(here.thrown).toBeUndefined();
      expect(there).toEqual(here);
      expect(readWorkersRunning()).toBe(0);
    });

  it('a file given as bytes reads the same as by path', async () => {
    const file = path.join(SAMPLES, 'figures-with-errors.csv');
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(file));
    const here = await batchesOf(readFigures({ fileName: 'a.csv', path: file }, demoLookup));
    const there = await batchesOf(readFiguresInWorker({ fileName: 'a.csv', bytes }, demoLookup));
    expect(there).toEqual(here);
    expect(here.batches.flatMap((b) => b.errors).length).toBeGreaterThan(0);
  });

  it('a refused file throws the same AppError (415 for a PDF named .csv, 413 for an XLSX too large unpacked)', async () => {
    const pdf: FileSource = {
      fileName: 'so-lieu.csv',
      bytes: new TextEncoder().encode('%PDF-1.7\n\0\0\0\0\0\0\0\0\0'),
    };
    const here = await batchesOf(readFigures(pdf, demoLookup));
    const there = await batchesOf(readFiguresInWorker(pdf, demoLookup));
    expect(there.thrown).toBeInstanceOf(AppError);
    expect(there.thrown).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(fieldsOf(there.thrown)).toEqual(fieldsOf(here.thrown));

    const xlsx: FileSource = { fileName: 'x.xlsx', path: path.join(SAMPLES, 'figures-wide-2026-01.xlsx') };
    const small = await batchesOf(readFiguresInWorker(xlsx, demoLookup, { maxXlsxBytes: 1000 }));
    const smallHere = await batchesOf(readFigures(xlsx, demoLookup, { maxXlsxBytes: 1000 }));
    expect(small.thrown).toBeInstanceOf(AppError);
    expect(small.thrown).toMatchObject({ status: 413 });
    expect(fieldsOf(small.thrown)).toEqual(fieldsOf(smallHere.thrown));
    expect(readWorkersRunning()).toBe(0);
  });

  it('stops its thread when the caller stops early', async () => {
    const file = path.join(SAMPLES, 'figures-long-2019-2020.csv');
    const gen = readFiguresInWorker({ fileName: 'a.csv', path: file }, demoLookup, { batchSize: 5 });
    const first = await gen.next();
    expect(first.done).toBe(false);
    expect(readWorkersRunning()).toBe(1);
    // The worker is at most MAX_AHEAD batches ahead, waiting for the caller; closing the generator stops it.
    await new Promise((r) => setTimeout(r, 50));
    await gen.return(undefined as never);
    expect(readWorkersRunning()).toBe(0);
  });
});

describe('packing figure records into typed arrays', () => {
  const longCols: FigureColumns = { unit: 'Mã đơn vị', amount: 'Số tiền (đồng)', quantity: 'Số lượng' };
  const wideCols: FigureColumns = { unit: 'Mã đơn vị', amount: 'Điện (đồng)', quantity: null };
  const rec = (over: Partial<FigureRecord>): FigureRecord => ({
    row: 2,
    columns: longCols,
    unitId: 1,
    categoryId: 1,
    period: '2025-01',
    amount: 0,
    quantityMilli: null,
    note: null,
    ...over,
  });

  it('gives back every field exactly, across batches, with column sets sent once', () => {
    const a: FigureRecord[] = [
      rec({ row: 2, amount: 999_999_999_999_999, period: '1999-12' }),
      rec({ row: 3, columns: wideCols, unitId: 2_147_483_647, categoryId: 9, period: '2000-01', quantityMilli: 0 }),
      rec({ row: 4, quantityMilli: 123_456_789_012, note: 'Ghi chú có dấu, "ngoặc kép"' }),
      rec({ row: 1_048_576, period: '2100-12', note: '' }),
    ];
    const b: FigureRecord[] = [rec({ row: 5, columns: wideCols }), rec({ row: 6, columns: longCols })];
    const packer = new FigurePacker();
    const unpacker = new FigureUnpacker();
    const pa = packer.pack({ records: a, errors: [], rejected: [] });
    const pb = packer.pack({ records: b, errors: [], rejected: [{ row: 7, cells: ['x'] }] });
    expect(pa.message.figures.newColumns).toEqual([longCols, wideCols]);
    expect(pb.message.figures.newColumns).toEqual([]);
    expect(pb.message.figures.notes).toBeNull();
    expect(pa.transfer).toHaveLength(7);
    // As the worker's messages arrive: cloned (the column sets become new objects).
    const ua = unpacker.unpack(structuredClone(pa.message));
    const ub = unpacker.unpack(structuredClone(pb.message));
    expect(ua.records).toEqual(a);
    expect(ub).toEqual({ records: b, errors: [], rejected: [{ row: 7, cells: ['x'] }] });
    // One column-set object per set and one string per month, shared by the records.
    expect(ub.records[0].columns).toBe(ua.records[1].columns);
  });
});
