/**
 * The sample month of e-invoices (test/fixtures/imports/einvoices, copies of ../shared/samples):
 * 2026-10/ imported at once or file by file in any order gives exactly expected.json, figures
 * and counts; the zip after it changes nothing; each bad/ file answers as expected.json says
 * with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables } from '../fixtures/imports/fixtures.ts';
import { mulberry32 } from '../../server/demo/demo.generate.ts';
import { expected, figureMap, folderFiles, importSamples, seedInvoiceAgency } from '../fixtures/imports/einvoices.ts';

const TABLES = ['figures', 'figure_history', 'invoices', 'invoice_accounts'];
const FOLDER = folderFiles('2026-10');
const wantCounts = { adjusted: 0, ...expected.invoices };

function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const first = (pattern: string) => [
  ...FOLDER.filter((f) => f.includes(pattern)),
  ...FOLDER.filter((f) => !f.includes(pattern)),
];

const ORDERS: [string, string[]][] = [
  ['sorted', FOLDER],
  ['reversed', [...FOLDER].reverse()],
  ['the replacement before its original', first('thay-the')],
  ['the copy before the original', first('ban-sao')],
  ['shuffled (seed 1)', shuffled(FOLDER, 1)],
  ['shuffled (seed 2)', shuffled(FOLDER, 2)],
];

describe('2026-10/ in one import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedInvoiceAgency(t.deps);
  });
  afterAll(() => t.close());

  it('gives exactly the figures and counts of expected.json', async () => {
    const r = await importSamples(t.deps, FOLDER);
    expect(r).toMatchObject({ ok: true, status: 'stored', files: 7, skipped: [], errors: [], warnings: [] });
    expect(r.invoices).toEqual(wantCounts);
    expect(r).toMatchObject({ inserted: 5, updated: 0, unchanged: 0 });
    expect(await figureMap(t.deps)).toEqual(expected.figures);
    const stored = await t.deps.db.selectFrom('invoices').select(['number', 'status', 'file_hash']).execute();
    stored.sort((a, b) => Number(a.number) - Number(b.number));
    expect(stored.map((s) => [s.number, s.status])).toEqual([
      ['123', 'active'],
      ['456', 'active'],
      ['1201', 'replaced'],
      ['1202', 'active'],
      ['1310', 'active'],
      ['45871', 'active'],
    ]);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.file_hash))).toBe(true);
  });

  it('the same folder again changes nothing', async () => {
    const before = await dumpTables(t.deps, TABLES);
    const r = await importSamples(t.deps, FOLDER);
    expect(r.invoices).toEqual({ new: 0, duplicate: 7, replaced: 0, adjusted: 0 });
    expect(r).toMatchObject({ ok: true, inserted: 0, updated: 0 });
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
  });

  it('the zip after it changes nothing; its PDF is skipped and listed', async () => {
    const before = await dumpTables(t.deps, TABLES);
    const r = await importSamples(t.deps, ['einvoices-2026-10.zip']);
    expect(r).toMatchObject({
      ok: true,
      status: 'stored',
      files: 3,
      invoices: { new: 0, duplicate: 3, replaced: 0, adjusted: 0 },
      skipped: ['einvoices-2026-10.zip/HoaDon/hongha-0000123.pdf'],
      inserted: 0,
      updated: 0,
      errors: [],
    });
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
  });

  it.each([
    ['bad/conflict-0000123.xml', 'invoice_conflict'],
    ['bad/unassigned.xml', 'invoice_no_account'],
    ['bad/xxe.xml', 'xml_doctype'],
  ])('%s answers %s with nothing stored', async (file, code) => {
    const before = await dumpTables(t.deps, TABLES);
    const r = await importSamples(t.deps, [file]);
    expect(r).toMatchObject({ ok: false, status: 'rejected', inserted: 0, updated: 0 });
    expect(r.invoices).toEqual({ new: 0, duplicate: 0, replaced: 0, adjusted: 0 });
    expect(r.errors.map((e) => [e.file, e.code])).toEqual([[file, code]]);
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
    const row = await t.deps.db
      .selectFrom('imports')
      .select(['status', 'error_count'])
      .where('id', '=', r.id!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'rejected', error_count: 1 });
  });

  it('the errors say what to do', async () => {
    const conflict = (await importSamples(t.deps, ['bad/conflict-0000123.xml'])).errors[0];
    expect(conflict).toMatchObject({ invoice: '2100456789/1C26THH/0000123' });
    expect(conflict.message).toContain('nội dung khác');
    const unassigned = (await importSamples(t.deps, ['bad/unassigned.xml'])).errors[0];
    expect(unassigned).toMatchObject({
      invoice: '2100999888/1C26TNS/0000789',
      params: { sellerTaxCode: '2100999888', buyerTaxCode: '2100555444', customerCode: '' },
    });
    expect(unassigned.message).toContain('2100999888,,2100555444,,<Mã đơn vị>,');
    expect(unassigned.message).toContain('Công ty CP Nước sạch Trà Vinh');
  });
});

describe('2026-10/ file by file', () => {
  it.each(ORDERS)('%s gives exactly expected.json', async (_name, order) => {
    const t = await createTestApp();
    try {
      await seedInvoiceAgency(t.deps);
      const sum = { new: 0, duplicate: 0, replaced: 0, adjusted: 0 };
      for (const file of order) {
        const r = await importSamples(t.deps, [file]);
        expect(r.errors, file).toEqual([]);
        expect(r.status, file).toBe('stored');
        for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r.invoices[k];
      }
      expect(sum).toEqual(wantCounts);
      expect(await figureMap(t.deps)).toEqual(expected.figures);
    } finally {
      await t.close();
    }
  });
});
