/** `invoices accounts import` and `invoices import` through the real CLI process: JSON shape, exit codes, folders and zips. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { runCli } from '../helpers/cli.ts';
import { fixture } from '../fixtures/imports/fixtures.ts';
import { EINVOICES, expected } from '../fixtures/imports/einvoices.ts';
import { invoiceXml } from '../../server/demo/einvoice-xml.ts';

const cli = (db: TestDb, args: string[]) => runCli(db.url, args);

describe('CLI: invoices', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    const u = await cli(db, ['units', 'import', fixture('units.csv')]);
    expect(u.code, u.stderr).toBe(0);
  }, 120_000);
  afterAll(() => db.close());

  it('invoices accounts import FILE --json stores the rows', async () => {
    const r = await cli(db, ['invoices', 'accounts', 'import', path.join(EINVOICES, 'accounts.csv'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      status: 'stored',
      inserted: 5,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
  }, 120_000);

  it('invoices import FOLDER ZIP --json: one object, the JSON shape of the issue, exit 0', async () => {
    const r = await cli(db, [
      'invoices',
      'import',
      path.join(EINVOICES, '2026-10'),
      path.join(EINVOICES, 'einvoices-2026-10.zip'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      ok: true,
      status: 'stored',
      // The zip holds three of the folder's invoices again: three more duplicates.
      invoices: { new: 5, duplicate: 1 + 3, replaced: 1, adjusted: 0 },
      skipped: ['einvoices-2026-10.zip/HoaDon/hongha-0000123.pdf'],
      inserted: 5,
      updated: 0,
      unchanged: 0,
      errors: [],
      warnings: [],
    });
    const figs = await db.db
      .selectFrom('figures as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select(['u.code', 'f.amount'])
      .where('f.period', '=', '2026-10')
      .execute();
    expect(figs.reduce((s, f) => s + f.amount, 0)).toBe(
      Object.values(expected.figures).reduce((s, f) => s + f.amount, 0),
    );
  }, 120_000);

  it('a rejected file: exit 1, errors with file, invoice, code, message', async () => {
    const r = await cli(db, ['invoices', 'import', path.join(EINVOICES, 'bad/conflict-0000123.xml'), '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; errors: Record<string, string>[] };
    expect(out.ok).toBe(false);
    expect(out.errors).toEqual([
      {
        file: 'conflict-0000123.xml',
        invoice: '2100456789/1C26THH/0000123',
        code: 'invoice_conflict',
        message: expect.stringContaining('nội dung khác'),
      },
    ]);
  }, 120_000);

  it('warnings not confirmed: exit 3 and nothing stored; --accept-warnings stores', async () => {
    const file = path.join(db.dir, 'dieu-chinh.xml');
    fs.writeFileSync(
      file,
      invoiceXml({
        seller: { name: 'Công ty Điện lực Trà Vinh', taxCode: '0300942001-012' },
        buyer: { name: 'Trung tâm', customerCode: 'PB14010012346' },
        symbol: 'C26TAA',
        number: '0009001',
        issuedOn: '2026-11-20',
        period: '10/2026',
        related: { kind: 'adjust', symbol: 'C26TAA', number: '0008999', issuedOn: '2026-10-01' },
        lines: [{ name: 'Điều chỉnh giảm', unit: 'kWh', quantity: 10, price: 2000, amount: 20000, adjustment: 2 }],
        vatPct: 8,
      }),
    );
    const r = await cli(db, ['invoices', 'import', file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Cảnh báo');
    expect(r.stdout).toContain('--accept-warnings');
    const ok = await cli(db, ['invoices', 'import', file, '--accept-warnings', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, status: 'stored', invoices: { adjusted: 1 } });
  }, 120_000);

  it('a usage error exits 2', async () => {
    const r = await cli(db, ['invoices', 'import', '/nonexistent/x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Không tìm thấy /nonexistent/x.xml');
  }, 120_000);
});
