/** The operator's commands: recipients add/list, emails preview/send/outbox, run as child processes on the test database. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { seedWorkedExample } from './emails.seed.ts';

describe('emails and recipients CLI', () => {
  let t: TestApp;
  const cli = async (...args: string[]) => {
    const r = await runCli(t.tdb.url, args, { env: { OUTBOX_DIR: t.deps.env.OUTBOX_DIR, SMTP_URL: '' } });
    return { code: r.code, out: r.stdout, err: r.stderr };
  };
  beforeAll(async () => {
    t = await createTestApp();
    await seedWorkedExample(t.deps);
  });
  afterAll(() => t.close());

  it('adds and lists recipients, refusing a bad address', async () => {
    let r = await cli(
      'recipients',
      'add',
      '--unit',
      'STTTT',
      '--email',
      'bithu@example.gov.vn',
      '--name',
      'Bí thư Đảng ủy',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('bithu@example.gov.vn');
    r = await cli('recipients', 'add', '--unit', 'STTTT', '--email', 'khong-hop-le');
    expect(r.code).toBe(1);
    expect(r.err).toContain('email');
    r = await cli('recipients', 'list', '--unit', 'STTTT', '--json');
    expect(JSON.parse(r.out).recipients).toMatchObject([
      { unitCode: 'STTTT', email: 'bithu@example.gov.vn', name: 'Bí thư Đảng ủy', lang: 'vi', active: true },
    ]);
  }, 60_000);

  it('previews, then sends the period once and reports counts', async () => {
    let r = await cli('emails', 'preview', '--unit', 'STTTT', '--period', '2020-12', '--text');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[Tiết kiệm] Tổng hợp tháng 12/2020 — Sở Thông tin và Truyền thông');
    expect(r.out).toContain('43.200.000 đ');
    r = await cli('emails', 'send', '--period', '2020-12');
    expect(r.code).toBe(0);
    expect(r.out).toContain('đã xếp hàng 1 thư mới; đã gửi 1; đã gửi từ trước 0; thất bại 0');
    r = await cli('emails', 'send', '--period', '2020-12');
    expect(r.out).toContain('đã xếp hàng 0 thư mới; đã gửi 0; đã gửi từ trước 1; thất bại 0');
    expect(fs.readdirSync(t.deps.env.OUTBOX_DIR).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    r = await cli('emails', 'send');
    expect(r.code).toBe(2);
  }, 90_000);
});
