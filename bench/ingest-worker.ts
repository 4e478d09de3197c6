/**
 * One ingest measurement in its own process (so its peak RSS is its own). Prints one JSON line.
 *   importer <csv|xlsx> <file> <rows>: the real importer (importFile, as the API and CLI call it)
 *   bare <csv|xlsx> <rows>: the ceiling, a bare better-sqlite3 prepared-insert loop of the same
 *     figures in one transaction into the same (migrated, indexed) figures table
 */
import fs from 'node:fs';
import path from 'node:path';
import { openMigrated } from '../server/bootstrap.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { systemClock } from '../server/clock.ts';
import { upsertUnitRows } from '../server/units/units.repository.ts';
import { importFile } from '../server/imports/imports.service.ts';
import { addMonths } from '../domain/months.ts';
import type { AppDeps } from '../server/deps.ts';
import {
  CATEGORY_NAMES,
  longFirstMonth,
  longRow,
  longUnits,
  METERED,
  wideFirstMonth,
  wideRow,
  wideUnits,
} from './ingest-data.ts';
import { peakRssMB, tempDir } from './lib.ts';

const [mode, kind, ...rest] = process.argv.slice(2);
const dir = tempDir('ingest-db');
const env = parseEnv({
  NODE_ENV: 'production',
  DATABASE_URL: path.join(dir, 'bench.sqlite'),
  LOG_LEVEL: 'warn',
  SEED_DEMO: '0',
  JOBS_ENABLED: '0',
});
const handle = await openMigrated(env);
const deps: AppDeps = { db: handle.db, dialect: handle.dialect, env, logger: createLogger('warn'), clock: systemClock };

try {
  const rows = Number(mode === 'importer' ? rest[1] : rest[0]);
  const units = kind === 'csv' ? longUnits(rows) : wideUnits(rows);
  await upsertUnitRows(
    deps.db,
    Array.from({ length: units }, (_, i) => ({ code: `DV${i}`, name: `Đơn vị ${i}`, headcount: 10, aliases: [] })),
    new Date().toISOString(),
  );
  const rssBefore = process.memoryUsage().rss / 1048576;
  // Where the memory goes: the JS heap's peak, sampled (the RSS peak is the kernel's VmHWM).
  let peakHeapMB = 0;
  const sampler = setInterval(() => (peakHeapMB = Math.max(peakHeapMB, process.memoryUsage().heapUsed / 1048576)), 25);

  if (mode === 'importer') {
    const file = rest[0];
    const t0 = performance.now();
    const r = await importFile(
      deps,
      { fileName: path.basename(file), path: file },
      { kind: 'figures', actor: 'bench', acceptWarnings: true },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 'stored') throw new Error(`import ${r.status}: ${JSON.stringify(r.errors.slice(0, 3))}`);
    console.log(
      JSON.stringify({
        rows: r.rows,
        figures: r.inserted,
        warnings: r.warningCount,
        seconds,
        rowsPerSecond: r.rows / seconds,
        peakRssMB: peakRssMB(),
        rssBeforeMB: rssBefore,
        peakHeapMB,
      }),
    );
  } else if (mode === 'bare') {
    const raw = handle.sqlite!;
    const catIds = CATEGORY_NAMES.map(
      (n) => (raw.prepare('select id from categories where name_vi = ?').get(n) as { id: number }).id,
    );
    const unitIds = (raw.prepare('select id, code from units').all() as { id: number; code: string }[]).reduce(
      (m, u) => m.set(u.code, u.id),
      new Map<string, number>(),
    );
    const unitId = Array.from({ length: units }, (_, i) => unitIds.get(`DV${i}`)!);
    const months: string[] = [];
    const first = kind === 'csv' ? longFirstMonth(rows) : wideFirstMonth(rows);
    const period = (m: number) => (months[m] ??= addMonths(first, m));
    const now = new Date().toISOString();
    const ins = raw.prepare(
      'insert into figures (unit_id, category_id, period, amount, quantity_milli, note, import_id, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let figures = 0;
    const t0 = performance.now();
    raw.transaction(() => {
      for (let i = 0; i < rows; i++) {
        if (kind === 'csv') {
          const r = longRow(i, units);
          ins.run(
            unitId[r.unit],
            catIds[r.cat],
            period(r.month),
            r.amount,
            r.quantity == null ? null : r.quantity * 1000,
            null,
            null,
            now,
            'bench',
          );
          figures++;
        } else {
          const r = wideRow(i, units);
          for (let c = 0; c < 4; c++) {
            ins.run(
              unitId[r.unit],
              catIds[c],
              period(r.month),
              r.amounts[c],
              c === METERED ? r.kwh * 1000 : null,
              null,
              null,
              now,
              'bench',
            );
            figures++;
          }
        }
      }
    })();
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      JSON.stringify({
        rows,
        figures,
        seconds,
        rowsPerSecond: rows / seconds,
        peakRssMB: peakRssMB(),
        rssBeforeMB: rssBefore,
        peakHeapMB,
      }),
    );
  } else throw new Error(`unknown mode ${mode}`);
  clearInterval(sampler);
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
