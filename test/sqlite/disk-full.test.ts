/**
 * A full disk under the SQLite file, on a small tmpfs this test mounts (tests run as root here;
 * `ulimit -f` and `max_page_count` give other errors than a real full disk). The person reads
 * "Ổ đĩa đầy" (507 over HTTP, exit 1 from the CLI), never "cannot rollback - no transaction is
 * active"; nothing is stored; once space is back the next write succeeds and the WAL is checkpointed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { parseEnv } from '../../server/env.ts';
import { createLogger } from '../../server/logger.ts';
import { openMigrated } from '../../server/bootstrap.ts';
import type { AppDeps } from '../../server/deps.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { importFile } from '../../server/imports/imports.service.ts';
import { fixedClock } from '../helpers/test-app.ts';
import { runCli } from '../helpers/cli.ts';
import { fixture } from '../fixtures/imports/fixtures.ts';
import { adminBearer } from '../helpers/identities.ts';

const MOUNT_MB = 8;

/** A CSV of `rows` figures: 5 divisions × 4 categories per month from 2000-01 on. */
function bigCsv(rows: number): string {
  const units = ['STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
  const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  for (let i = 0; i < rows; i++) {
    const m = Math.floor(i / 20);
    const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    lines.push(
      `${units[i % 5]},${period},${cats[Math.floor(i / 5) % 4]},${100_000 + i},,ghi chú dài ${'x'.repeat(60)}`,
    );
  }
  return lines.join('\n') + '\n';
}

function fill(dir: string): string {
  const filler = path.join(dir, 'filler.bin');
  // dd stops with "No space left on device": the tmpfs is then full to the last block.
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'ignore' });
  } catch {
    /* expected: ENOSPC */
  }
  return filler;
}

async function figureCount(deps: AppDeps): Promise<number> {
  const r = await deps.db
    .selectFrom('figures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('a full disk under the SQLite file', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let auth: Record<string, string>;
  const big = bigCsv(5_000);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tietkiem-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${MOUNT_MB}m`, 'tmpfs', dir]);
    const env = parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: path.join(dir, 'db.sqlite'),
      SEED_DEMO: '0',
      JOBS_ENABLED: '0',
    });
    handle = await openMigrated(env);
    deps = { db: handle.db, dialect: handle.dialect, env, logger: createLogger('silent'), clock: fixedClock() };
    app = createApp(deps);
    const units = await importFile(
      deps,
      { fileName: 'units.csv', path: fixture('units.csv') },
      { kind: 'units', actor: 'test' },
    );
    expect(units.ok).toBe(true);
    auth = { authorization: `Bearer ${await adminBearer(deps.db)}` };
  });
  afterAll(async () => {
    await handle?.close();
    execFileSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('HTTP: 507 disk_full saying what to do, nothing stored; stored once space is back, WAL checkpointed', async () => {
    const filler = fill(dir);
    const form = new FormData();
    form.set('file', new File([big], 'lon.csv'));
    form.set('kind', 'figures');
    const res = await app.request('/api/imports', { method: 'POST', body: form, headers: auth });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status, JSON.stringify(body)).toBe(507);
    expect(body.error.code).toBe('disk_full');
    expect(body.error.message).toMatch(/Ổ đĩa đầy/);
    expect(body.error.message).not.toMatch(/rollback/);
    expect(await figureCount(deps)).toBe(0);

    fs.rmSync(filler);
    // Space is back: a small upload is stored, and the frames the failed import left in the WAL are
    // gone (checkpointed and truncated), so the full disk does not stay nearly full.
    const small = new FormData();
    small.set('file', new File([bigCsv(1)], 'nho.csv'));
    small.set('kind', 'figures');
    expect((await app.request('/api/imports', { method: 'POST', body: small, headers: auth })).status).toBe(200);
    expect(fs.statSync(path.join(dir, 'db.sqlite-wal')).size).toBeLessThan(200_000);
    expect(handle.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    // The failed upload has its row in the history, written once the disk took writes again.
    const failed = await deps.db.selectFrom('imports').selectAll().where('status', '=', 'failed').execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ file_name: 'lon.csv', http_status: 507 });
    expect(JSON.parse(failed[0].errors)[0]).toMatchObject({ code: 'disk_full' });

    const again = new FormData();
    again.set('file', new File([big], 'lon.csv'));
    again.set('kind', 'figures');
    const ok = await app.request('/api/imports', { method: 'POST', body: again, headers: auth });
    expect(ok.status).toBe(200);
    expect(await figureCount(deps)).toBe(5_000);
  }, 120_000);

  it('CLI: "Ổ đĩa đầy", exit 1, nothing stored', async () => {
    const before = await figureCount(deps);
    const file = path.join(os.tmpdir(), `tietkiem-full-${process.pid}.csv`);
    fs.writeFileSync(file, bigCsv(5_000).replace(/,1(\d{5}),/g, ',2$1,'));
    const filler = fill(dir);
    try {
      const r = await runCli(path.join(dir, 'db.sqlite'), ['figures', 'import', file]);
      expect(r.code, r.stderr + r.stdout).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/Ổ đĩa đầy/);
      expect(r.stderr + r.stdout).not.toMatch(/cannot rollback/);
    } finally {
      fs.rmSync(filler);
      fs.rmSync(file);
    }
    expect(await figureCount(deps)).toBe(before);
  }, 120_000);
});
