/**
 * Benchmark: the monthly close of a generated province of 20,000 units × 4 categories with two
 * years of figures (≈1.9 M rows), on a temporary SQLite file. Prints seconds; not a test.
 * Run: npx tsx bench/close.ts [units=20000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import type { AppDeps } from '../server/deps.ts';
import { runMonthlyClose } from '../jobs/monthly-close.ts';
import { computeResults } from '../server/results/results.service.ts';

const N = Number(process.argv[2] ?? 20_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tietkiem-bench-'));
const file = path.join(dir, 'bench.sqlite');
const handle = openDatabase(file);
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

try {
  await migrateToLatest(handle.db);
  const raw = handle.sqlite!;
  const now = new Date().toISOString();
  let t0 = performance.now();
  // Province (1) → 20 departments → divisions; ids are assigned in insertion order.
  const insUnit = raw.prepare(
    'insert into units (code, name, parent_id, headcount, aliases, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  raw.transaction(() => {
    insUnit.run('P', 'Tỉnh', null, 0, '[]', now, now);
    for (let d = 1; d <= 20; d++) insUnit.run(`D${d}`, `Sở ${d}`, 1, 0, '[]', now, now);
    for (let i = 22; i <= N; i++) insUnit.run(`U${i}`, `Đơn vị ${i}`, 2 + (i % 20), 5 + (i % 30), '[]', now, now);
  })();
  const cats = raw.prepare('select id, code from categories').all() as { id: number; code: string }[];
  const elec = cats.find((c) => c.code === 'electricity')!.id;
  raw
    .prepare(
      'insert into settings (unit_id, category_id, year, basis, norm_quantity_milli, target_tenths, updated_at) values (1, ?, 2025, ?, ?, ?, ?)',
    )
    .run(elec, 'norm', 5_000_000, 150, now);
  const insFig = raw.prepare(
    'insert into figures (unit_id, category_id, period, amount, quantity_milli, updated_at) values (?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  raw.transaction(() => {
    for (let u = 22; u <= N; u++) {
      for (const year of [2024, 2025]) {
        for (let m = 1; m <= 12; m++) {
          const p = `${year}-${String(m).padStart(2, '0')}`;
          for (const c of cats) {
            const amount = 1_000_000 + ((u * 7919 + m * 104729 + c.id * 13) % 500_000) - (year === 2025 ? 50_000 : 0);
            insFig.run(u, c.id, p, amount, c.id === elec ? 4_000_000 + ((u + m) % 2000) * 1000 : null, now);
            rows++;
          }
        }
      }
    }
  })();
  console.log(`generated ${N} units, ${rows} figures in ${secs(t0)} s`);

  const env = parseEnv({ NODE_ENV: 'production', DATABASE_URL: file, SEED_DEMO: '0', JOBS_ENABLED: '0' });
  const deps: AppDeps = {
    db: handle.db,
    dialect: 'sqlite',
    env,
    logger: createLogger('silent'),
    clock: { now: () => new Date() },
  };

  t0 = performance.now();
  const o = await runMonthlyClose(deps, '2025-12');
  console.log(`monthly close 2025-12: ${secs(t0)} s (${o.units} units, ${o.snapshots} snapshot rows)`);
  t0 = performance.now();
  await runMonthlyClose(deps, '2025-12');
  console.log(`second run (already closed, no-op): ${secs(t0)} s`);
  t0 = performance.now();
  const live = await computeResults(handle.db, { unitCode: 'P', year: 2025 });
  console.log(
    `results for the province, computed live: ${secs(t0)} s (stationery ${live.categories[0].ytd.reduction}%)`,
  );
  t0 = performance.now();
  await computeResults(handle.db, { unitCode: 'D3', year: 2025 });
  console.log(`results for one department (~${Math.round(N / 20)} units), live: ${secs(t0)} s`);
  for (let m = 1; m <= 11; m++) await runMonthlyClose(deps, `2025-${String(m).padStart(2, '0')}`);
  t0 = performance.now();
  await computeResults(handle.db, { unitCode: 'P', year: 2025, through: '2025-12' });
  console.log(`results for the province, from snapshots: ${secs(t0)} s`);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
