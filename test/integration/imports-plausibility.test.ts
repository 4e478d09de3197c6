/**
 * Plausibility warnings through the real app (issue 12): a dry run lists them, storing needs
 * acceptWarnings (409 warnings_unconfirmed otherwise, nothing stored), the import record and the
 * audit keep who confirmed them, errors win over warnings, and a figure repeated as stored is
 * history, not a new figure (no warning). The CLI: exit 3 with the warnings, --accept-warnings stores.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, readFixture, seedAgency } from '../fixtures/imports/fixtures.ts';
import { runCli } from '../helpers/cli.ts';

const HEADER = 'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n';
// STTTT's stationery is 3.4–4.1 million đ a month in 2019–2020: 690 is the 1000× mistake.
const OUTLIER = HEADER + 'STTTT,2021-01,Văn phòng phẩm,690,,Mua giấy A4\n';

interface Warning {
  row: number;
  column: string;
  value: string;
  reference: string;
  code: string;
  params: Record<string, unknown>;
  message: string;
}

function upload(t: TestApp, name: string, bytes: string | Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([bytes as BlobPart], name, { type: 'text/csv' }));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return t.request('/api/imports', { method: 'POST', body: form });
}

const stationery2021 = (t: TestApp) =>
  t.deps.db
    .selectFrom('figures as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .select(['f.amount'])
    .where('u.code', '=', 'STTTT')
    .where('f.period', '=', '2021-01')
    .execute();

describe('plausibility warnings over HTTP and the CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedAgency(t.deps);
    const r = await importFixture(t.deps, 'figures-long-2019-2020.csv');
    expect(r.ok).toBe(true);
  });
  afterAll(() => t.close());

  it('a dry run lists the warning (row, column, value, reference, code, params, message) and answers 200', async () => {
    const res = await upload(t, 'outlier.csv', OUTLIER, { dryRun: '1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; warnings: Warning[]; warningCount: number };
    expect(body.status).toBe('dry_run');
    // Below the median and −100% against January 2020.
    expect(body.warnings.map((w) => w.code)).toEqual(['below_median', 'year_change']);
    expect(body.warnings[0]).toMatchObject({
      row: 2,
      column: 'Số tiền (đồng)',
      value: '690 đ',
      code: 'below_median',
    });
    expect(body.warnings[0].message).toContain('trung vị 12 tháng');
    expect(await stationery2021(t)).toEqual([]);
  });

  it('storing without acceptWarnings: 409 warnings_unconfirmed with the warnings, nothing stored, recorded', async () => {
    const res = await upload(t, 'outlier.csv', OUTLIER);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { warnings: Warning[] } } };
    expect(body.error.code).toBe('warnings_unconfirmed');
    expect(body.error.details.warnings.map((w) => w.code)).toEqual(['below_median', 'year_change']);
    expect(await stationery2021(t)).toEqual([]);
    const last = await t.deps.db
      .selectFrom('imports')
      .select(['status', 'file_name'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ status: 'unconfirmed', file_name: 'outlier.csv' });
  });

  it('with acceptWarnings: stored, the record and the audit keep the warnings and who confirmed them', async () => {
    const res = await upload(t, 'outlier.csv', OUTLIER, { acceptWarnings: '1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; status: string; warningsAcceptedBy: string | null };
    expect(body.status).toBe('stored');
    expect(body.warningsAcceptedBy).toBeTruthy();
    expect(await stationery2021(t)).toEqual([{ amount: 690 }]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'after_json'])
      .where('entity_type', '=', 'import')
      .where('entity_key', '=', String(body.id))
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('figures.import');
    const after = JSON.parse(audit.after_json ?? '{}') as {
      warningCount: number;
      warningsAcceptedBy: string;
      warnings: Warning[];
    };
    expect(after.warningCount).toBe(2);
    expect(after.warningsAcceptedBy).toBe(body.warningsAcceptedBy);
    expect(after.warnings[0].code).toBe('below_median');
  });

  it('the same file again changes nothing and asks nothing: a figure repeated as stored is no new figure', async () => {
    const res = await upload(t, 'outlier.csv', OUTLIER);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'stored', unchanged: 1, warnings: [] });
    // The whole 2019–2020 file again: unchanged, no warnings, though its own months vary.
    const again = await upload(t, 'figures-long-2019-2020.csv', readFixture('figures-long-2019-2020.csv'));
    expect(await again.json()).toMatchObject({ status: 'stored', unchanged: 96, warnings: [] });
  });

  it('errors win over warnings: 422, both listed, nothing stored', async () => {
    const bad = HEADER + 'STTTT,2021-02,Văn phòng phẩm,690,,\nSTTTT,2021-02,Không có khoản này,100,,\n';
    const res = await upload(t, 'bad.csv', bad, { acceptWarnings: '1' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { errors: { row: number }[]; warnings: Warning[] } } };
    expect(body.error.details.errors.map((e) => e.row)).toEqual([3]);
    expect(body.error.details.warnings.map((w) => [w.row, w.code])).toEqual([
      [2, 'below_median'],
      [2, 'year_change'],
    ]);
  });

  it('CLI: exit 3 with {ok:false, warnings} in --json; --accept-warnings stores; --dry-run exits 0', async () => {
    const file = HEADER + 'STTTT,2021-03,Văn phòng phẩm,690,,\n';
    const path = `${t.tdb.dir}/cli-outlier.csv`;
    fs.writeFileSync(path, file);
    const dry = await runCli(t.tdb.url, ['figures', 'import', path, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { warnings: Warning[] }).warnings).toHaveLength(2);
    const refused = await runCli(t.tdb.url, ['figures', 'import', path, '--json']);
    expect(refused.code, refused.stderr).toBe(3);
    const out = JSON.parse(refused.stdout) as { ok: boolean; warnings: Warning[] };
    expect(out.ok).toBe(false);
    expect(Object.keys(out.warnings[0])).toEqual(
      expect.arrayContaining(['row', 'column', 'value', 'reference', 'code', 'message']),
    );
    const human = await runCli(t.tdb.url, ['figures', 'import', path]);
    expect(human.code).toBe(3);
    expect(human.stdout + human.stderr).toContain('--accept-warnings');
    const ok = await runCli(t.tdb.url, ['figures', 'import', path, '--accept-warnings', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, status: 'stored', inserted: 1 });
  }, 240_000);
  it('more warnings than the report keeps: the first 10,000 in row order are listed, warningCount counts all, the CLI says how many more', async () => {
    // 6 units × 4 categories × 852 months not yet ended (2030–2100): one warning per row, 20,448 in
    // all. Months outer, units inner: the warnings are found unit by unit, not in row order.
    const units = ['STTTT', 'STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
    const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
    let body = HEADER;
    for (let y = 2030; y <= 2100; y++)
      for (let m = 1; m <= 12; m++)
        for (const u of units) for (const c of cats) body += `${u},${y}-${String(m).padStart(2, '0')},${c},1000,,\n`;
    const res = await upload(t, 'future.csv', body, { dryRun: '1' });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { status: string; rows: number; warnings: Warning[]; warningCount: number };
    expect(r.status).toBe('dry_run');
    expect(r.rows).toBe(20_448);
    expect(r.warningCount).toBe(20_448);
    expect(r.warnings).toHaveLength(10_000);
    expect(r.warnings.map((w) => w.row)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 2));
    expect(new Set(r.warnings.map((w) => w.code))).toEqual(new Set(['period_not_ended']));
    expect(r.warnings[9_999].message).toBeTruthy();

    const path = `${t.tdb.dir}/future.csv`;
    fs.writeFileSync(path, body);
    const cli = await runCli(t.tdb.url, ['figures', 'import', path, '--dry-run']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('Cảnh báo (20448):');
    expect(cli.stdout).toContain('… và 10448 cảnh báo khác.');
  }, 240_000);
});
