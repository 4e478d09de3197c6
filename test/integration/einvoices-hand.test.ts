/**
 * A figure built from e-invoices changed by hand (issue 15, domain.md "E-invoices"): a correction
 * in the figures view (PUT /api/figures) or a spreadsheet upload that changes it is a warning to
 * confirm (409 warnings_unconfirmed, nothing stored) — confirmed, it is stored, the audit trail
 * keeps who confirmed it, and the figure shows both sources (its invoices and the hand value).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedAgency } from '../fixtures/imports/fixtures.ts';
import { EINVOICES, figureMap, folderFiles } from '../fixtures/imports/einvoices.ts';

const KEY = 'STTTT-TTCNTT|2026-10|electricity';

function upload(t: TestApp, files: [string, Uint8Array][], fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, bytes] of files) form.append('file', new File([bytes as BlobPart], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request('/api/imports', { method: 'POST', body: form });
}

const put = (t: TestApp, body: Record<string, unknown>) =>
  t.request('/api/figures', {
    method: 'PUT',
    body: JSON.stringify({ unitCode: 'STTTT-TTCNTT', categoryCode: 'electricity', period: '2026-10', ...body }),
    headers: { 'content-type': 'application/json' },
  });

interface Warning {
  row: number;
  column: string;
  value: string;
  reference: string;
  code: string;
  params: Record<string, unknown>;
  message: string;
}

describe('a figure built from e-invoices changed by hand', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
    const read = (n: string) => new Uint8Array(fs.readFileSync(path.join(EINVOICES, n)));
    expect((await upload(t, [['accounts.csv', read('accounts.csv')]], { kind: 'invoice-accounts' })).status).toBe(200);
    const names = folderFiles('2026-10');
    const res = await upload(
      t,
      names.map((n) => [path.basename(n), read(n)]),
      { kind: 'invoices' },
    );
    expect(res.status).toBe(200);
    expect((await figureMap(t.deps))[KEY]).toEqual({ amount: 8744274, quantity: 3850 });
  });
  afterAll(() => t.close());

  it('PUT /api/figures: 409 with the warning, nothing stored; a note alone asks nothing', async () => {
    const res = await put(t, { amount: 9000000 });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: { warnings: Warning[] } } };
    expect(body.error.code).toBe('warnings_unconfirmed');
    expect(body.error.details.warnings).toMatchObject([
      {
        code: 'hand_overwrites_invoices',
        value: '9.000.000 đ',
        reference: '8.744.274 đ',
        params: { key: 'STTTT-TTCNTT/electricity/2026-10', before: 8744274, after: 9000000 },
      },
    ]);
    expect(body.error.message).toContain('hóa đơn điện tử');
    expect((await figureMap(t.deps))[KEY]).toEqual({ amount: 8744274, quantity: 3850 });
    // The same values with a note: no figure changes, nothing to confirm.
    expect((await put(t, { amount: 8744274, quantity: 3850, note: 'đã đối chiếu' })).status).toBe(200);
  });

  it('confirmed: stored, the audit keeps who confirmed, the figure shows both sources', async () => {
    const res = await put(t, { amount: 9000000, acceptWarnings: true });
    expect(res.status).toBe(200);
    expect((await figureMap(t.deps))[KEY]).toEqual({ amount: 9000000, quantity: 3850 });
    const audit = (await (
      await t.request('/api/audit?entityType=figure&entityKey=STTTT-TTCNTT/electricity/2026-10')
    ).json()) as {
      entries: { action: string; after: { amount: number; warningsAcceptedBy?: string; warnings?: Warning[] } }[];
    };
    const last = audit.entries.find((e) => e.after.amount === 9000000)!;
    expect(last.action).toBe('figure.correct');
    expect(last.after.warningsAcceptedBy).toBeTruthy();
    expect(last.after.warnings?.[0].code).toBe('hand_overwrites_invoices');
    const inv = (await (
      await t.request('/api/figures/invoices?unit=STTTT-TTCNTT&period=2026-10&category=electricity')
    ).json()) as { figure: { amount: number; source: string }; total: { amount: number } };
    expect(inv.figure).toMatchObject({ amount: 9000000, source: 'hand' });
    expect(inv.total.amount).toBe(8744274);
    // Now a hand figure: the hand edit asks nothing more.
    expect((await put(t, { amount: 9100000 })).status).toBe(200);
  });

  it('a spreadsheet upload changing an invoice figure: a warning in the dry run, 409, then stored once confirmed', async () => {
    // The Department's October stationery comes from invoices too.
    const map = await figureMap(t.deps);
    const before = map['STTTT|2026-10|stationery'];
    expect(before).toBeTruthy();
    const csv = new TextEncoder().encode(
      'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\nSTTTT,2026-10,Văn phòng phẩm,4000000,,\n',
    );
    const dry = await upload(t, [['vpp.csv', csv]], { dryRun: '1' });
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as { warnings: Warning[] };
    expect(report.warnings.filter((w) => w.code === 'hand_overwrites_invoices')).toMatchObject([
      { row: 2, column: 'Số tiền (đồng)', value: '4.000.000 đ', params: { before: before.amount, after: 4000000 } },
    ]);
    const refused = await upload(t, [['vpp.csv', csv]], {});
    expect(refused.status).toBe(409);
    expect((await figureMap(t.deps))['STTTT|2026-10|stationery']).toEqual(before);
    const ok = await upload(t, [['vpp.csv', csv]], { acceptWarnings: '1' });
    expect(ok.status).toBe(200);
    expect((await figureMap(t.deps))['STTTT|2026-10|stationery']).toMatchObject({ amount: 4000000 });
  });
});
