/** The generated province of the close and API benchmarks: deterministic, raw prepared inserts. */
import type SQLite from 'better-sqlite3';

/** Units, settings and figures with raw prepared inserts (deterministic). Returns the figure count. */
export function generateProvince(raw: SQLite.Database, n: number, years: number[]): number {
  const now = '2026-01-01T00:00:00.000Z';
  const insUnit = raw.prepare(
    'insert into units (code, name, parent_id, headcount, aliases, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  raw.transaction(() => {
    insUnit.run('P', 'Tỉnh', null, 0, '[]', now, now);
    for (let d = 1; d <= 20; d++) insUnit.run(`D${d}`, `Sở ${d}`, 1, 0, '[]', now, now);
    for (let i = 22; i <= n; i++) insUnit.run(`U${i}`, `Đơn vị ${i}`, 2 + (i % 20), 5 + (i % 30), '[]', now, now);
  })();
  const cats = raw.prepare('select id, code from categories order by id').all() as { id: number; code: string }[];
  const elec = cats.find((c) => c.code === 'electricity')!.id;
  const insSet = raw.prepare(
    'insert into settings (unit_id, category_id, year, basis, norm_quantity_milli, target_tenths, updated_at) values (1, ?, ?, ?, ?, ?, ?)',
  );
  for (const y of years) insSet.run(elec, y, 'norm', 5_000_000, 150, now);
  const insFig = raw.prepare(
    'insert into figures (unit_id, category_id, period, amount, quantity_milli, updated_at) values (?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  raw.transaction(() => {
    for (let u = 22; u <= n; u++) {
      for (const year of years) {
        for (let m = 1; m <= 12; m++) {
          const p = `${year}-${String(m).padStart(2, '0')}`;
          for (const c of cats) {
            const amount = 1_000_000 + ((u * 7919 + m * 104729 + c.id * 13) % 500_000) - (year - years[0]) * 50_000;
            insFig.run(u, c.id, p, amount, c.id === elec ? 4_000_000 + ((u + m) % 2000) * 1000 : null, now);
            rows++;
          }
        }
      }
    }
  })();
  return rows;
}
