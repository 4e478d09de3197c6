/**
 * E-invoices through the real app: POST /api/imports kind=invoice-accounts and kind=invoices
 * (several files in one request, dry run, 422, 409 until confirmed, 403 outside the officer's
 * units), GET /api/figures/invoices, and the invoice accounts API in the officer's scope.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedAgency } from '../fixtures/imports/fixtures.ts';
import { EINVOICES, expected, figureMap, folderFiles } from '../fixtures/imports/einvoices.ts';

function upload(t: TestApp, names: string[], fields: Record<string, string>, as = 'admin') {
  const form = new FormData();
  for (const n of names)
    form.append(
      'file',
      new File([fs.readFileSync(path.join(EINVOICES, n))], path.basename(n), { type: 'application/octet-stream' }),
    );
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request('/api/imports', { method: 'POST', body: form, as });
}

const json = (t: TestApp, method: string, url: string, body: unknown, as = 'admin') =>
  t.request(url, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, as });

describe('e-invoices over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
  });
  afterAll(() => t.close());

  it('kind=invoice-accounts stores accounts.csv', async () => {
    const res = await upload(t, ['accounts.csv'], { kind: 'invoice-accounts' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'invoice-accounts', shape: 'invoice-accounts', inserted: 5 });
  });

  it('an officer of STTTT-VP may not import invoices of other units: 403, nothing stored', async () => {
    const res = await upload(t, ['einvoices-2026-10.zip'], { kind: 'invoices' }, 'officer:STTTT-VP');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unit_forbidden');
    expect(await figureMap(t.deps)).toEqual({});
  });

  it('several files in one request: the dry run previews, then they are stored', async () => {
    const names = folderFiles('2026-10');
    const dry = await upload(t, names, { kind: 'invoices', dryRun: '1' });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ status: 'dry_run', files: 7, inserted: 5, invoices: { new: 5 } });
    expect(await figureMap(t.deps)).toEqual({});
    const res = await upload(t, names, { kind: 'invoices' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: 'invoices',
      status: 'stored',
      invoices: { new: 5, duplicate: 1, replaced: 1, adjusted: 0 },
    });
    expect(await figureMap(t.deps)).toEqual(expected.figures);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_key', 'after_json'])
      .where('action', '=', 'invoices.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ files: 7, invoices: { new: 5 } });
  });

  it('a rejected upload answers 422 with the report', async () => {
    const res = await upload(t, ['bad/conflict-0000123.xml', 'bad/xxe.xml'], { kind: 'invoices' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; details: { errors: { file: string; code: string }[] } };
    };
    expect(body.error.code).toBe('import_rejected');
    expect(body.error.details.errors.map((e) => [e.file, e.code])).toEqual([
      ['xxe.xml', 'xml_doctype'],
      ['conflict-0000123.xml', 'invoice_conflict'],
    ]);
  });

  it('GET /api/figures/invoices lists the invoices behind a figure, with DSCKS and MCCQT presence', async () => {
    const res = await t.request('/api/figures/invoices?unit=STTTT-TTCNTT&period=2026-10&category=electricity');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { figure: unknown; total: unknown; invoices: Record<string, unknown>[] };
    expect(body.figure).toEqual({ amount: 8744274, quantity: 3850, source: 'invoices' });
    expect(body.total).toEqual({ amount: 8744274, quantity: 3850, count: 1 });
    expect(body.invoices).toHaveLength(1);
    expect(body.invoices[0]).toMatchObject({
      label: '0300942001-012/1C26TAA/0001202',
      issuedOn: '2026-11-04',
      seller: { name: 'Công ty Điện lực Trà Vinh - Tổng công ty Điện lực miền Nam', taxCode: '0300942001-012' },
      buyer: { customerCode: 'PB14010012346' },
      amount: 8744274,
      quantity: 3850,
      period: '2026-10',
      periodSource: 'field',
      hasSellerSignature: true,
      hasTaxAuthorityCode: true,
      fileName: 'evn-PB14010012346.xml',
      lines: [{ name: 'Điện tiêu thụ (Hành chính sự nghiệp)', unit: 'kWh', quantity: '3850', amount: '8096550' }],
    });
    const vp = (await (
      await t.request('/api/figures/invoices?unit=STTTT-VP&period=2026-10&category=electricity')
    ).json()) as { invoices: { label: string; relation: string; replaces: string[] }[] };
    expect(vp.invoices).toEqual([
      expect.objectContaining({
        label: '0300942001-012/1C26TAA/0001310',
        relation: 'replace',
        replaces: ['0300942001-012/1C26TAA/0001201'],
      }),
    ]);
    const denied = await t.request('/api/figures/invoices?unit=STTTT-TTCNTT&period=2026-10&category=electricity', {
      as: 'viewer:STTTT-VP',
    });
    expect(denied.status).toBe(403);
  });

  it('a hand figure the invoices would overwrite: 409 until acceptWarnings=1', async () => {
    const put = await json(t, 'PUT', '/api/figures', {
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
      period: '2026-10',
      amount: 1_000_000,
    });
    expect(put.status).toBe(200);
    // The stationery invoice to the Department, mapped to STTTT-VP by a more specific row.
    const acc = await json(t, 'POST', '/api/invoice-accounts', {
      sellerTaxCode: '2100456789',
      buyerTaxCode: '2100987654',
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
    });
    expect(acc.status).toBe(201);
    const copy = fs
      .readFileSync(path.join(EINVOICES, '2026-10/hongha-0000123.xml'), 'utf8')
      .replace('<SHDon>0000123</SHDon>', '<SHDon>0000124</SHDon>');
    const send = (fields: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new File([copy], 'hongha-0000124.xml'));
      form.set('kind', 'invoices');
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return t.request('/api/imports', { method: 'POST', body: form });
    };
    const res = await send({});
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { warnings: { code: string }[] } } };
    expect(body.error.code).toBe('warnings_unconfirmed');
    expect(body.error.details.warnings.map((w) => w.code)).toEqual(['invoice_overwrites_manual']);
    const ok = await send({ acceptWarnings: '1' });
    expect(ok.status).toBe(200);
    expect((await figureMap(t.deps))['STTTT-VP|2026-10|stationery']).toEqual({ amount: 4031500, quantity: null });
  });

  it('invoice accounts: officers see and change only their units', async () => {
    const officer = 'officer:STTTT-VP';
    const other = await json(
      t,
      'POST',
      '/api/invoice-accounts',
      { customerCode: 'X1', unitCode: 'STTTT-TTCNTT' },
      officer,
    );
    expect(other.status).toBe(403);
    const created = await json(
      t,
      'POST',
      '/api/invoice-accounts',
      { customerCode: 'vp 001', unitCode: 'STTTT-VP' },
      officer,
    );
    expect(created.status).toBe(201);
    const { account } = (await created.json()) as { account: { id: number; customerCode: string } };
    expect(account.customerCode).toBe('VP001');
    const dup = await json(
      t,
      'POST',
      '/api/invoice-accounts',
      { customerCode: 'VP001', unitCode: 'STTTT-VP' },
      officer,
    );
    expect(dup.status).toBe(409);
    const bad = await json(
      t,
      'POST',
      '/api/invoice-accounts',
      { sellerTaxCode: '300942001', unitCode: 'STTTT-VP' },
      officer,
    );
    expect(bad.status).toBe(400);
    const changed = await json(
      t,
      'PUT',
      `/api/invoice-accounts/${account.id}`,
      { customerCode: 'VP001', unitCode: 'STTTT-VP', categoryCode: 'phone' },
      officer,
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ account: { categoryCode: 'phone' } });
    const list = (await (await t.request('/api/invoice-accounts', { as: officer })).json()) as {
      accounts: { unitCode: string }[];
    };
    expect(new Set(list.accounts.map((a) => a.unitCode))).toEqual(new Set(['STTTT-VP']));
    const all = (await (await t.request('/api/invoice-accounts')).json()) as {
      accounts: { id: number; unitCode: string }[];
    };
    const ttcntt = all.accounts.find((a) => a.unitCode === 'STTTT-TTCNTT')!;
    // Another unit's row: not even visible to this officer.
    expect((await t.request(`/api/invoice-accounts/${ttcntt.id}`, { method: 'DELETE', as: officer })).status).toBe(404);
    expect((await t.request(`/api/invoice-accounts/${account.id}`, { method: 'DELETE', as: officer })).status).toBe(
      204,
    );
    expect((await t.request('/api/invoice-accounts', { as: 'viewer:STTTT-VP' })).status).toBe(200);
    expect(
      (await json(t, 'POST', '/api/invoice-accounts', { customerCode: 'Y', unitCode: 'STTTT-VP' }, 'viewer:STTTT-VP'))
        .status,
    ).toBe(403);
  });
});
