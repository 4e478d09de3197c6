/**
 * Import speed: generates a long CSV of N rows (default 100,000) for ≥50 units × 4 categories,
 * imports it through importFile into a fresh SQLite file (or DATABASE_URL), prints rows/s and
 * peak RSS. Usage: npx tsx bench/import-figures.ts [rows]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMigrated } from '../server/bootstrap.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { systemClock } from '../server/clock.ts';
import { upsertUnitRows } from '../server/units/units.repository.ts';
import { importFile } from '../server/imports/imports.service.ts';
import { addMonths } from '../domain/months.ts';
import type { AppDeps } from '../server/deps.ts';

const N = Number(process.argv[2] ?? 100_000);
// At most 1000 months (2000-01 … 2083-04) per unit, so a million rows spread over 250 units.
const UNITS = Math.max(50, Math.ceil(N / 4 / 1000));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-bench-'));
const file = path.join(dir, 'figures.csv');
const cats = ['Văn phòng phẩm', 'Cước điện thoại', 'Điện', 'Chi phí khác'];
{
  const out = fs.createWriteStream(file);
  out.write('Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú\n');
  let buf = '';
  for (let i = 0; i < N; i++) {
    const c = i % 4;
    const u = Math.floor(i / 4) % UNITS;
    const m = Math.floor(i / (4 * UNITS));
    buf += `DV${u},${addMonths('2000-01', m)},${cats[c]},${100000 + ((i * 7919) % 900000)},${c === 2 ? String((i % 5000) + 1) : ''},\n`;
    if (buf.length > 1 << 16) {
      out.write(buf);
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

const env = parseEnv({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? path.join(dir, 'bench.sqlite'),
  LOG_LEVEL: 'warn',
});
const handle = await openMigrated(env);
const deps: AppDeps = { db: handle.db, dialect: handle.dialect, env, logger: createLogger('warn'), clock: systemClock };
await upsertUnitRows(
  deps.db,
  Array.from({ length: UNITS }, (_, i) => ({ code: `DV${i}`, name: `Đơn vị ${i}`, headcount: 10, aliases: [] })),
  new Date().toISOString(),
);

let peak = process.memoryUsage().rss;
let peakHeap = 0;
console.log(`before import: RSS ${Math.round(peak / 1048576)} MB`);
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
for (const label of ['first import', 'same file again']) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await importFile(deps, { fileName: 'figures.csv', path: file }, { kind: 'figures', actor: 'bench' });
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${label}: ${r.status} rows=${r.rows} inserted=${r.inserted} unchanged=${r.unchanged} errors=${r.errorCount} ${s.toFixed(2)} s ${Math.round(r.rows / s).toLocaleString('en')} rows/s wall, CPU ${cpuS.toFixed(2)} s = ${Math.round(r.rows / cpuS).toLocaleString('en')} rows per CPU-second; peak RSS ${Math.round(peak / 1048576)} MB, peak heap ${Math.round(peakHeap / 1048576)} MB (${handle.dialect})`,
  );
}
clearInterval(timer);
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
