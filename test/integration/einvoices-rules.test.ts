/**
 * The e-invoice rules across imports on a real database: an adjustment before its original
 * (warned, then pulled onto the original), a replacement that empties a figure, a hand-entered
 * figure the invoices would overwrite (a warning to confirm, the old value kept), dry runs,
 * the officer's scope and locked months.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { dumpTables } from '../fixtures/imports/fixtures.ts';
import { figureMap, folderFiles, importSamples, seedInvoiceAgency } from '../fixtures/imports/einvoices.ts';
import { importInvoices } from '../../server/einvoices/einvoices.service.ts';
import { invoiceXml, type InvoiceDraft } from '../../server/demo/einvoice-xml.ts';
import { correctFigure } from '../../server/figures/figures.service.ts';
import { SYSTEM_CALLER } from '../../server/auth/caller.ts';
import { insertLock } from '../../server/locks/locks.repository.ts';

const TABLES = ['figures', 'figure_history', 'invoices'];
const EVN = { name: 'Công ty Điện lực Trà Vinh', taxCode: '0300942001-012' };
const TTCNTT = { name: 'Trung tâm CNTT-TT', taxCode: '2100987654', customerCode: 'PB14010012346' };

const kwhLine = (kwh: number, adjustment?: 1 | 2) => ({
  name: 'Điện tiêu thụ',
  unit: 'kWh',
  quantity: kwh,
  price: 2000,
  amount: kwh * 2000,
  adjustment,
});

const draft = (over: Partial<InvoiceDraft>): InvoiceDraft => ({
  seller: EVN,
  buyer: TTCNTT,
  symbol: 'C26TAA',
  number: '0002001',
  issuedOn: '2026-10-05',
  period: '09/2026',
  lines: [kwhLine(1000)],
  vatPct: 8,
  ...over,
});

const xml = (name: string, d: InvoiceDraft) => ({ fileName: name, bytes: new TextEncoder().encode(invoiceXml(d)) });

describe('e-invoice rules across imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedInvoiceAgency(t.deps);
    const r = await importSamples(t.deps, folderFiles('2026-10'));
    expect(r.status).toBe('stored');
  });
  afterAll(() => t.close());

  const fig = async (key: string) => (await figureMap(t.deps))[key];
  const original = draft({});
  // Adjusts 0002001 down by 100 kWh; its own fields say October.
  const adjustment = draft({
    number: '0002050',
    issuedOn: '2026-11-10',
    period: '10/2026',
    related: { kind: 'adjust', symbol: 'C26TAA', number: '0002001', issuedOn: '2026-10-05' },
    lines: [kwhLine(100, 2)],
  });

  it('an adjustment whose original is unknown is a warning; unconfirmed, nothing is stored', async () => {
    const before = await dumpTables(t.deps, TABLES);
    const r = await importInvoices(t.deps, [xml('dieu-chinh.xml', adjustment)], { actor: 'test' });
    expect(r).toMatchObject({ ok: true, status: 'unconfirmed', errors: [] });
    expect(r.warnings.map((w) => [w.code, w.file, w.invoice])).toEqual([
      ['invoice_adjusted_unknown', 'dieu-chinh.xml', '0300942001-012/1C26TAA/0002050'],
    ]);
    expect(r.changes).toEqual([
      {
        row: 0,
        key: 'STTTT-TTCNTT/electricity/2026-10',
        action: 'update',
        before: { amount: 8744274, quantity: 3850, note: null },
        after: { amount: 8744274 - 216000, quantity: 3750, note: null },
      },
    ]);
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
  });

  it('confirmed, it lands by its own fields and counts as adjusted', async () => {
    const r = await importInvoices(t.deps, [xml('dieu-chinh.xml', adjustment)], {
      actor: 'test',
      acceptWarnings: true,
    });
    expect(r).toMatchObject({ status: 'stored', invoices: { adjusted: 1, new: 0 }, updated: 1 });
    expect(await fig('STTTT-TTCNTT|2026-10|electricity')).toEqual({ amount: 8528274, quantity: 3750 });
    const row = await t.deps.db
      .selectFrom('imports')
      .select(['invoice_summary'])
      .where('id', '=', r.id!)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.invoice_summary!)).toMatchObject({
      warningsAccepted: true,
      warnings: [{ code: 'invoice_adjusted_unknown' }],
    });
  });

  it('when its original arrives, the adjustment moves onto the original’s month', async () => {
    const r = await importInvoices(t.deps, [xml('goc.xml', original)], { actor: 'test' });
    expect(r).toMatchObject({ status: 'stored', invoices: { new: 1 }, inserted: 1, updated: 1, warnings: [] });
    expect(await fig('STTTT-TTCNTT|2026-10|electricity')).toEqual({ amount: 8744274, quantity: 3850 });
    expect(await fig('STTTT-TTCNTT|2026-09|electricity')).toEqual({ amount: 2160000 - 216000, quantity: 900 });
  });

  it('a replacement that moves the month leaves the old figure at 0 after a warning', async () => {
    const replacement = draft({
      number: '0002100',
      issuedOn: '2026-11-12',
      period: '08/2026',
      related: { kind: 'replace', symbol: 'C26TAA', number: '2001', issuedOn: '2026-10-05' },
    });
    const r = await importInvoices(t.deps, [xml('thay-the.xml', replacement)], { actor: 'test' });
    expect(r.status).toBe('unconfirmed');
    expect(r.warnings.map((w) => w.code)).toEqual(['invoice_figure_emptied']);
    const ok = await importInvoices(t.deps, [xml('thay-the.xml', replacement)], {
      actor: 'test',
      acceptWarnings: true,
    });
    expect(ok).toMatchObject({ status: 'stored', invoices: { replaced: 1 } });
    // The replacement lands in August and the adjustment of the original follows it there.
    expect(await fig('STTTT-TTCNTT|2026-08|electricity')).toEqual({ amount: 2160000 - 216000, quantity: 900 });
    expect(await fig('STTTT-TTCNTT|2026-09|electricity')).toEqual({ amount: 0, quantity: null });
  });

  it('a hand-entered figure the invoices would overwrite is a warning; confirmed, history keeps it', async () => {
    await correctFigure(
      t.deps,
      { unitCode: 'STTTT-VP', categoryCode: 'phone', period: '2026-11', amount: 700000 },
      { ...SYSTEM_CALLER, actor: 'ketoan' },
    );
    const vnpt = draft({
      seller: { name: 'Viễn thông Trà Vinh - VNPT', taxCode: '0100684378-075' },
      buyer: { name: 'Văn phòng Sở', customerCode: 'TV-0294-3862345' },
      symbol: 'C26TVT',
      number: '0046001',
      issuedOn: '2026-12-02',
      period: undefined,
      lines: [
        { name: 'Cước dịch vụ điện thoại tháng 11/2026', unit: 'Tháng', quantity: 1, price: 700000, amount: 700000 },
      ],
      vatPct: 10,
    });
    const r = await importInvoices(t.deps, [xml('vnpt-11.xml', vnpt)], { actor: 'test' });
    expect(r.status).toBe('unconfirmed');
    // November has not ended on the test's clock (2026-11-06): the plausibility rule says so too.
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['invoice_overwrites_manual', 'period_not_ended']);
    expect(r.warnings.filter((w) => w.code === 'invoice_overwrites_manual')).toMatchObject([
      {
        code: 'invoice_overwrites_manual',
        params: { key: 'STTTT-VP/phone/2026-11', before: 700000, after: 770000 },
        value: '770.000 đ',
        reference: '700.000 đ',
        file: 'vnpt-11.xml',
      },
    ]);
    expect(await fig('STTTT-VP|2026-11|phone')).toEqual({ amount: 700000, quantity: null });
    const ok = await importInvoices(t.deps, [xml('vnpt-11.xml', vnpt)], { actor: 'test', acceptWarnings: true });
    expect(ok).toMatchObject({ status: 'stored', updated: 1 });
    expect(await fig('STTTT-VP|2026-11|phone')).toEqual({ amount: 770000, quantity: null });
    const hist = await t.deps.db
      .selectFrom('figure_history as h')
      .innerJoin('figures as f', 'f.id', 'h.figure_id')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .select(['h.amount', 'h.import_id', 'h.changed_by', 'f.import_id as now_from'])
      .where('u.code', '=', 'STTTT-VP')
      .where('f.period', '=', '2026-11')
      .execute();
    // The hand value is kept, replaced by this import (by whom it ran).
    expect(hist).toEqual([{ amount: 700000, import_id: ok.id, changed_by: 'test', now_from: ok.id }]);
  });

  it('a dry run stores nothing but previews the changes', async () => {
    const before = await dumpTables(t.deps, TABLES);
    const d = draft({ number: '0003001', period: '07/2026' });
    const r = await importInvoices(t.deps, [xml('thu.xml', d)], { actor: 'test', dryRun: true });
    expect(r).toMatchObject({ status: 'dry_run', ok: true, inserted: 1, invoices: { new: 1 } });
    expect(r.changes[0]).toMatchObject({ key: 'STTTT-TTCNTT/electricity/2026-07', action: 'insert' });
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
  });

  it('an invoice of a unit outside the caller’s scope refuses the whole import (403)', async () => {
    const vp = await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'STTTT-VP')
      .executeTakeFirstOrThrow();
    const d = draft({ number: '0003002', period: '07/2026' });
    await expect(
      importInvoices(t.deps, [xml('x.xml', d)], { actor: 'test', allowedUnitIds: new Set([vp.id]) }),
    ).rejects.toMatchObject({ status: 403, code: 'unit_forbidden', details: { unit: 'STTTT-TTCNTT', file: 'x.xml' } });
  });

  it('a locked month refuses the import (423)', async () => {
    // A closed month, as the monthly close leaves it (lockPeriod itself needs a successful close run).
    await insertLock(t.deps.db, { period: '2026-06', locked_at: '2026-11-01T00:00:00.000Z', locked_by: 'test' });
    const d = draft({ number: '0003003', period: '06/2026' });
    await expect(importInvoices(t.deps, [xml('y.xml', d)], { actor: 'test' })).rejects.toMatchObject({ status: 423 });
  });

  it('the plausibility warnings of every upload apply: month not ended, electricity price, far below the median', async () => {
    const before = await dumpTables(t.deps, TABLES);
    // December 2026 has not ended on 2026-11-06; 1,000 kWh for 216,000 đ is 216 đ/kWh.
    const d = draft({
      number: '0005001',
      issuedOn: '2026-11-05',
      period: '12/2026',
      lines: [{ ...kwhLine(1000), price: 200, amount: 200_000 }],
    });
    const r = await importInvoices(t.deps, [xml('thang-12.xml', d)], { actor: 'test' });
    expect(r.status).toBe('unconfirmed');
    expect(r.warnings.map((w) => [w.code, w.file, w.invoice]).sort()).toEqual([
      ['below_median', 'thang-12.xml', '0300942001-012/1C26TAA/0005001'],
      ['electricity_price', 'thang-12.xml', '0300942001-012/1C26TAA/0005001'],
      ['period_not_ended', 'thang-12.xml', '0300942001-012/1C26TAA/0005001'],
    ]);
    expect(r.warnings.find((w) => w.code === 'electricity_price')?.params).toMatchObject({
      unit: 'STTTT-TTCNTT',
      period: '2026-12',
      price: 216,
    });
    expect(await dumpTables(t.deps, TABLES)).toEqual(before);
  });

  it('two files with one identity and other content are both named; nothing is stored', async () => {
    const a = draft({ number: '0004001', period: '05/2026' });
    const b = draft({ number: '0004001', period: '05/2026', lines: [kwhLine(999)] });
    const r = await importInvoices(t.deps, [xml('a.xml', a), xml('b.xml', b)], { actor: 'test' });
    expect(r.status).toBe('rejected');
    expect(r.errors.map((e) => [e.code, e.file]).sort()).toEqual([
      ['invoice_conflict', 'a.xml'],
      ['invoice_conflict', 'b.xml'],
    ]);
  });
});
