/**
 * PostgreSQL: the results API beside SQLite on the same data, and what a province and a country
 * cost (docs/scale.md). For each size in BENCH_PG_UNITS (default "2000,20000"): a province of N
 * units (bench/close-data.ts: a root, 20 departments, divisions) × 4 categories × 2 years of
 * monthly figures, generated inside PostgreSQL (the same formulas, in SQL) in a fresh database on
 * PG_TEST_URL's server; the 12 months of 2025 closed as the scheduler would (the December close
 * timed); storage per year (figures, snapshots, indexes: pg_total_relation_size); then the real
 * app on that database (NODE_ENV=production, API token) driven by autocannon on
 * GET /api/results?unit=P&year=2025 with 50 connections. The reference of the API row is the same
 * app on a SQLite file with the same data (generateProvince, the same closes), in the same run;
 * the two answers must be byte-identical, or the bench stops.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import type { AppDeps } from '../server/deps.ts';
import type { Database } from '../server/db/schema.ts';
import { runMonthlyClose } from '../jobs/monthly-close.ts';
import { createUser } from '../server/users/users.service.ts';
import { createApiToken } from '../server/auth/auth.service.ts';
import { generateProvince } from './close-data.ts';
import { log, startApp, tempDir, type Row } from './lib.ts';

const autocannon = createRequire(import.meta.url)('autocannon');
const ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const YEARS = [2024, 2025];
const PATH = '/api/results?unit=P&year=2025';

/** generateProvince's formulas in SQL: the same rows, made by the server in a few statements. */
async function generateProvincePg(db: Kysely<Database>, n: number): Promise<number> {
  const now = '2026-01-01T00:00:00.000Z';
  await sql`insert into units (id, code, name, parent_id, headcount, aliases, created_at, updated_at)
    values (1, 'P', 'Tỉnh', null, 0, '[]', ${now}, ${now})`.execute(db);
  await sql`insert into units (id, code, name, parent_id, headcount, aliases, created_at, updated_at)
    select d + 1, 'D' || d, 'Sở ' || d, 1, 0, '[]', ${now}, ${now} from generate_series(1, 20) d`.execute(db);
  await sql`insert into units (id, code, name, parent_id, headcount, aliases, created_at, updated_at)
    select i, 'U' || i, 'Đơn vị ' || i, 2 + (i % 20), 5 + (i % 30), '[]', ${now}, ${now}
    from generate_series(22, ${n}::int) i`.execute(db);
  await sql`select setval(pg_get_serial_sequence('units', 'id'), (select max(id) from units))`.execute(db);
  const elec = (
    await db.selectFrom('categories').select('id').where('code', '=', 'electricity').executeTakeFirstOrThrow()
  ).id;
  for (const y of YEARS)
    await sql`insert into settings (unit_id, category_id, year, basis, norm_quantity_milli, target_tenths, updated_at)
      values (1, ${elec}, ${y}, 'norm', 5000000, 150, ${now})`.execute(db);
  for (const year of YEARS)
    await sql`insert into figures (unit_id, category_id, period, amount, quantity_milli, updated_at)
      select u, c.id, ${year}::text || '-' || lpad(m::text, 2, '0'),
        1000000 + ((u::bigint * 7919 + m * 104729 + c.id * 13) % 500000) - ${(year - YEARS[0]) * 50_000},
        case when c.id = ${elec} then 4000000 + ((u + m) % 2000) * 1000 end, ${now}
      from generate_series(22, ${n}::int) u, generate_series(1, 12) m, categories c
      order by u, m, c.id`.execute(db);
  const r = await sql<{ n: string }>`select count(*) as n from figures`.execute(db);
  await sql`analyze`.execute(db);
  return Number(r.rows[0].n);
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tk_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function depsFor(handle: DatabaseHandle, url: string, dir: string): AppDeps {
  return {
    db: handle.db,
    dialect: handle.dialect,
    env: parseEnv({ NODE_ENV: 'production', DATABASE_URL: url, SEED_DEMO: '0', JOBS_ENABLED: '0', OUTBOX_DIR: dir }),
    logger: createLogger('silent'),
    clock: { now: () => new Date('2026-01-10T00:00:00Z') },
  };
}

/** Closes the 12 months of 2025; seconds of each close. Then an admin token. */
async function closeYear(deps: AppDeps): Promise<{ seconds: number[]; token: string }> {
  const seconds: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const t0 = performance.now();
    const o = await runMonthlyClose(deps, `2025-${String(m).padStart(2, '0')}`);
    if (o.status !== 'closed') throw new Error(`close 2025-${m}: ${o.status}`);
    seconds.push((performance.now() - t0) / 1000);
  }
  const by = { actor: 'bench', actorKind: 'cli' as const, ip: null };
  await createUser(
    deps,
    { email: 'bench@example.gov.vn', name: 'Bench', grants: [{ role: 'admin', unitCode: null }] },
    by,
  );
  return { seconds, token: (await createApiToken(deps, 'bench@example.gov.vn', 'bench', by)).token };
}

interface Driven {
  reqPerSec: number;
  p50: number;
  p99: number;
  bytes: number;
  sha: string;
  non2xx: number;
}

async function driveApp(url: string, token: string, dir: string, seconds: number): Promise<Driven> {
  const app = await startApp(url, {}, dir);
  try {
    const headers = { authorization: `Bearer ${token}` };
    const r = await fetch(app.base + PATH, { headers });
    const body = Buffer.from(await r.arrayBuffer());
    if (!r.ok) throw new Error(`${PATH} answered ${r.status}: ${body.toString().slice(0, 300)}`);
    await autocannon({ url: app.base + PATH, connections: 10, duration: 2, headers });
    const a = await autocannon({ url: app.base + PATH, connections: 50, duration: seconds, headers });
    return {
      reqPerSec: a.requests.average,
      p50: a.latency.p50,
      p99: a.latency.p99,
      bytes: body.length,
      sha: createHash('sha256').update(body).digest('hex').slice(0, 12),
      non2xx: a.non2xx,
    };
  } finally {
    await app.stop();
  }
}

const mb = (bytes: number) => bytes / 2 ** 20;

export async function benchPg(): Promise<Row[]> {
  const sizes = (process.env.BENCH_PG_UNITS ?? '2000,20000').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const out: Row[] = [];
  for (const n of sizes) {
    const dir = tempDir('pg');
    const { url, drop } = await createPgDatabase();
    const handle = openDatabase(url, { poolMax: 10 });
    try {
      log(`pg: ${n.toLocaleString('en')} units: generating 2 years of figures in PostgreSQL…`);
      await migrateToLatest(handle.db);
      let t0 = performance.now();
      const figures = await generateProvincePg(handle.db, n);
      log(
        `pg: ${figures.toLocaleString('en')} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s; closing 2025…`,
      );
      const deps = depsFor(handle, url, dir);
      const { seconds: closes, token } = await closeYear(deps);
      t0 = performance.now();
      await runMonthlyClose(deps, '2025-12', { force: true });
      const forced = (performance.now() - t0) / 1000;
      await sql`vacuum analyze`.execute(handle.db);
      const size = async (t: string) =>
        Number(
          (await sql<{ s: string }>`select pg_total_relation_size(${t}::regclass) as s`.execute(handle.db)).rows[0].s,
        );
      const [figBytes, snapBytes] = [await size('figures'), await size('result_snapshots')];
      const perYear = figBytes / YEARS.length + snapBytes; // snapshots: the 12 months of one year
      out.push({
        figure: `PostgreSQL, ${n.toLocaleString('en')} units: monthly close (2025-12), s`,
        ours: closes[11],
        reference: null,
        unit: '',
        ratio: null,
        goal: n <= 20_000 ? '≤3 s' : '—',
        met: n <= 20_000 ? closes[11] <= 3 : null,
        note: `${figures.toLocaleString('en')} figures over 2 years; the 12 closes of 2025: ${closes.map((s) => s.toFixed(2)).join(', ')} s; forced re-close ${forced.toFixed(2)} s`,
      });
      out.push({
        figure: `PostgreSQL, ${n.toLocaleString('en')} units: storage per year (figures + snapshots, with indexes), MB`,
        ours: mb(perYear),
        reference: null,
        unit: '',
        ratio: null,
        goal: '—',
        met: null,
        note: `figures ${mb(figBytes).toFixed(1)} MB for 2 years (${(figBytes / figures).toFixed(0)} B per figure), snapshots of 12 months ${mb(snapBytes).toFixed(1)} MB`,
      });
      await handle.close();
      log(`pg: ${n.toLocaleString('en')} units: autocannon ${seconds} s on PostgreSQL…`);
      const onPg = await driveApp(url, token, dir, seconds);

      let ref: Driven | null = null;
      if (n === sizes[0]) {
        log(`pg: the same data on SQLite…`);
        const file = path.join(dir, 'same.sqlite');
        const lite = openDatabase(file);
        let liteToken: string;
        try {
          await migrateToLatest(lite.db);
          generateProvince(lite.sqlite!, n, YEARS);
          liteToken = (await closeYear(depsFor(lite, file, dir))).token;
        } finally {
          await lite.close();
        }
        ref = await driveApp(file, liteToken, dir, seconds);
        if (ref.sha !== onPg.sha || ref.bytes !== onPg.bytes)
          throw new Error(
            `the two answers differ: SQLite ${ref.sha} (${ref.bytes} B), PostgreSQL ${onPg.sha} (${onPg.bytes} B)`,
          );
      }
      out.push({
        figure: `PostgreSQL, ${n.toLocaleString('en')} units: GET /api/results (root, closed year), req/s`,
        ours: onPg.reqPerSec,
        reference: ref?.reqPerSec ?? null,
        unit: '',
        ratio: ref ? onPg.reqPerSec / ref.reqPerSec : null,
        goal: ref ? '≥0.8× SQLite' : '—',
        met: ref ? onPg.reqPerSec / ref.reqPerSec >= 0.8 : null,
        note: `${onPg.bytes.toLocaleString('en')}-byte body (sha256 ${onPg.sha}${ref ? ', identical on SQLite' : ''}); p50 ${onPg.p50} ms, p99 ${onPg.p99} ms${ref ? ` (SQLite p50 ${ref.p50}, p99 ${ref.p99})` : ''}; non-2xx ${onPg.non2xx}`,
      });
    } finally {
      await handle.close().catch(() => undefined);
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
