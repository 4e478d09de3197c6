/**
 * PostgreSQL ending connections that are IN USE (a restart, a failover, a DBA's
 * pg_terminate_backend) while requests run: reads under load and an upload mid-transaction. The
 * process stays up; the requests that lost their connection get a clean 503 with Retry-After (the
 * upload's transaction rolled back: nothing of it stored); later requests get new connections and 200.
 * Before, pg-pool had no error listener on a checked-out client and the process died with
 * "Unhandled 'error' event … terminating connection due to administrator command".
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, PG_TEST_URL, type TestDb } from '../helpers/test-db.ts';
import { adminBearer } from '../helpers/identities.ts';
import { importFile } from '../../server/imports/imports.service.ts';
import { fixture } from '../fixtures/imports/fixtures.ts';
import { createLogger } from '../../server/logger.ts';
import { parseEnv } from '../../server/env.ts';
import { systemClock } from '../../server/clock.ts';
import { killAll, sleep, startApp, type AppProcess } from './processes.ts';

/** Ends every backend of `database` but ours; returns how many it ended. */
async function terminate(database: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_TEST_URL });
  await c.connect();
  try {
    const r = await c.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return r.rowCount ?? 0;
  } finally {
    await c.end();
  }
}

/** 5 divisions × 4 categories × `months` months, from 2000-01: a long import transaction. */
function bigCsv(months: number): string {
  const units = ['STTTT-VP', 'STTTT-BCXB', 'STTTT-BCVT', 'STTTT-TT', 'STTTT-TTCNTT'];
  const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  for (let m = 0; m < months; m++) {
    const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const u of units) for (const c of cats) lines.push(`${u},${period},${c},${100_000 + m},,`);
  }
  return lines.join('\n') + '\n';
}

describe('PostgreSQL ends connections in use', () => {
  let tdb: TestDb;
  let app: AppProcess;
  let auth: Record<string, string>;
  let database: string;

  beforeAll(async () => {
    tdb = await createTestDb({ dialect: 'postgres' });
    database = new URL(tdb.url).pathname.slice(1);
    const env = parseEnv({ NODE_ENV: 'test', DATABASE_URL: tdb.url, SEED_DEMO: '0', JOBS_ENABLED: '0' });
    const deps = { db: tdb.db, dialect: tdb.dialect, env, logger: createLogger('silent'), clock: systemClock };
    for (const [name, kind] of [
      ['units.csv', 'units'],
      ['norms-2020.csv', 'norms'],
      ['figures-long-2019-2020.csv', 'figures'],
    ] as const) {
      const r = await importFile(deps, { fileName: name, path: fixture(name) }, { kind, actor: 'test' });
      expect(r.ok, name).toBe(true);
    }
    auth = { authorization: `Bearer ${await adminBearer(tdb.db)}` };
    app = await startApp('P', { DATABASE_URL: tdb.url, PG_POOL_MAX: '6', JOBS_ENABLED: '0' }, { timeoutMs: 120_000 });
  }, 240_000);

  afterAll(async () => {
    await killAll();
    await tdb?.close();
  });

  it('reads under load: the process lives, lost requests get 503 + Retry-After, later ones 200', async () => {
    const statuses: number[] = [];
    let retryAfterMissing = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const r = await fetch(`${app.url}/api/results?unit=STTTT&year=2020`, { headers: auth });
        statuses.push(r.status);
        if (r.status === 503 && r.headers.get('retry-after') !== '5') retryAfterMissing++;
        await r.arrayBuffer();
      }
    };
    const workers = Array.from({ length: 10 }, worker);
    let ended = 0;
    for (let i = 0; i < 8; i++) {
      await sleep(250);
      ended += await terminate(database);
    }
    stop = true;
    await Promise.all(workers);
    expect(ended).toBeGreaterThan(0);
    expect(app.alive(), app.output()).toBe(true);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(retryAfterMissing).toBe(0);
    const after = await fetch(`${app.url}/api/results?unit=STTTT&year=2020`, { headers: auth });
    expect(after.status).toBe(200);
  }, 120_000);

  it('an upload whose connection ends mid-transaction: 503, nothing stored, the next upload 200', async () => {
    const count = async () =>
      Number(
        (
          await tdb.db
            .selectFrom('figures')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const big = bigCsv(600); // 12,000 rows
    const send = () => {
      const form = new FormData();
      form.set('file', new File([big], 'lon.csv'));
      form.set('kind', 'figures');
      // Figures of 2000–2049 with no history: nothing to warn about, but confirm anyway (this test is about connections).
      form.set('acceptWarnings', '1');
      return fetch(`${app.url}/api/imports`, { method: 'POST', body: form, headers: auth });
    };
    const pending = send();
    // Wait until the import's transaction is running, then end it.
    const c = new pg.Client({ connectionString: PG_TEST_URL });
    await c.connect();
    try {
      for (let i = 0; i < 200; i++) {
        const r = await c.query(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and state in ('active', 'idle in transaction') and pid <> pg_backend_pid() and backend_xid is not null",
          [database],
        );
        if (r.rows[0].n > 0) break;
        await sleep(50);
      }
    } finally {
      await c.end();
    }
    expect(await terminate(database)).toBeGreaterThan(0);
    const res = await pending;
    const body = (await res.json()) as { error?: { code: string; message: string } };
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(body.error?.code).toBe('database_unavailable');
    expect(app.alive(), app.output()).toBe(true);
    expect(await count()).toBe(before);
    // The failed upload has its row in the import history, with the reason it was given: at once,
    // or, when the pool's connection was itself the one ended, once the database takes writes
    // again (recordFailedUpload retries after 1 s).
    const failedRows = () => tdb.db.selectFrom('imports').selectAll().where('status', '=', 'failed').execute();
    await expect
      .poll(async () => (await failedRows()).map((r) => [r.file_name, r.http_status]))
      .toEqual([['lon.csv', 503]]);
    const failed = await failedRows();
    expect(JSON.parse(failed[0].errors)[0]).toMatchObject({ code: 'database_unavailable' });

    const again = await send();
    expect(again.status).toBe(200);
    expect(await count()).toBe(before + 12_000);
  }, 180_000);
});
