/**
 * One monthly-close measurement in its own process: a generated province of N units (a root, 20
 * departments, divisions under them) × 4 categories with two years of monthly figures on a temp
 * SQLite file; times runMonthlyClose('2025-12') (the scheduler's function) and, as the floor, a
 * bare better-sqlite3 read of the same two years of figures. Prints one JSON line.
 * Usage: node --import tsx bench/close-worker.ts <units> (the bench runs it compiled: build/bench/close-worker.js)
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import type { AppDeps } from '../server/deps.ts';
import { runMonthlyClose } from '../jobs/monthly-close.ts';
import { peakRssMB, tempDir } from './lib.ts';
import { generateProvince } from './close-data.ts';

const N = Number(process.argv[2] ?? 20_000);
const dir = tempDir('close');
const file = path.join(dir, 'bench.sqlite');
const handle = openDatabase(file);

try {
  await migrateToLatest(handle.db);
  const raw = handle.sqlite!;
  const figures = generateProvince(raw, N, [2024, 2025]);
  const env = parseEnv({
    NODE_ENV: 'production',
    DATABASE_URL: file,
    SEED_DEMO: '0',
    JOBS_ENABLED: '0',
    OUTBOX_DIR: path.join(dir, 'outbox'),
  });
  const deps: AppDeps = {
    db: handle.db,
    dialect: 'sqlite',
    env,
    logger: createLogger('silent'),
    clock: { now: () => new Date('2026-01-10T00:00:00Z') },
  };

  // The floor: SQLite touching every figure the close reads (an aggregate in C, no row reaches JS).
  const floor = raw
    .prepare(
      "select count(*), sum(amount), sum(quantity_milli), count(distinct unit_id) from figures where period >= '2024-01' and period <= '2025-12'",
    )
    .raw(true);
  let t0 = performance.now();
  const seen = (floor.get() as number[])[0];
  const readSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const o = await runMonthlyClose(deps, '2025-12');
  const seconds = (performance.now() - t0) / 1000;
  if (o.status !== 'closed') throw new Error(`close ${o.status}`);
  t0 = performance.now();
  await runMonthlyClose(deps, '2025-12', { force: true });
  const forcedSeconds = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      units: o.units,
      figures,
      read: seen,
      snapshots: o.snapshots,
      seconds,
      forcedSeconds,
      readSeconds,
      peakRssMB: peakRssMB(),
    }),
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
