/**
 * Rows for the operations tests (copy, backup), inserted directly so they exercise what a copy
 * must keep: a unit tree whose parent has a larger id than its child, Vietnamese text, NULLs,
 * large đồng amounts, quantities, history and import records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';

const T = '2026-02-05T03:04:05.678Z';

/** 3 units, 48 figures (3 units × 4 categories × 4 months), 6 history rows, 2 imports, 4 settings. */
export async function seedOpsData(db: Kysely<Database>): Promise<void> {
  const unit = (code: string, name: string, headcount: number) => ({
    code,
    name,
    parent_id: null,
    headcount,
    aliases: JSON.stringify([name.toLowerCase()]),
    created_at: T,
    updated_at: T,
  });
  const [child, other, root] = await db
    .insertInto('units')
    .values([
      unit('VP', 'Văn phòng Sở', 12),
      unit('TTCNTT', 'Trung tâm Công nghệ thông tin', 30),
      unit('STTTT', 'Sở Thông tin và Truyền thông', 80),
    ])
    .returning('id')
    .execute();
  // The parent is created after its children: ids do not follow the tree.
  await db.updateTable('units').set({ parent_id: root.id }).where('id', 'in', [child.id, other.id]).execute();

  const cats = await db.selectFrom('categories').select(['id', 'code']).orderBy('id').execute();
  const imp = await db
    .insertInto('imports')
    .values([
      {
        kind: 'figures',
        file_name: 'số liệu 2026.csv',
        sha256: 'a'.repeat(64),
        size_bytes: 1234,
        shape: 'long',
        status: 'stored',
        rows: 48,
        inserted: 48,
        updated: 0,
        unchanged: 0,
        error_count: 0,
        errors: '[]',
        created_at: T,
        created_by: 'ketoan@so.gov.vn',
      },
      {
        kind: 'figures',
        file_name: 'sửa.csv',
        sha256: 'b'.repeat(64),
        size_bytes: 99,
        shape: 'wide',
        status: 'stored',
        rows: 6,
        inserted: 0,
        updated: 6,
        unchanged: 0,
        error_count: 0,
        errors: '[]',
        created_at: T,
        created_by: null,
      },
    ])
    .returning('id')
    .execute();

  const figures = [];
  for (const u of [child, other, root]) {
    for (const c of cats) {
      for (const m of ['2026-01', '2026-02', '2026-03', '2026-04']) {
        figures.push({
          unit_id: u.id,
          category_id: c.id,
          period: m,
          amount: c.code === 'other' ? 9_007_199_254_740_991 - u.id : 1_250_000 * u.id + Number(m.slice(5)),
          quantity_milli: c.code === 'electricity' ? 12_500 * u.id : null,
          note: m === '2026-02' ? 'Ghi chú: “điện” tháng 2' : null,
          import_id: imp[0].id,
          updated_at: T,
          updated_by: u.id === root.id ? 'ketoan@so.gov.vn' : null,
        });
      }
    }
  }
  const figIds = await db.insertInto('figures').values(figures).returning('id').execute();
  await db
    .insertInto('figure_history')
    .values(
      figIds.slice(0, 6).map((f, i) => ({
        figure_id: f.id,
        amount: 1000 * i,
        quantity_milli: i % 2 ? null : 5,
        note: i ? null : 'cũ',
        changed_at: T,
        changed_by: 'ketoan',
        import_id: imp[1].id,
        source: 'import' as const,
      })),
    )
    .execute();
  await db
    .insertInto('settings')
    .values(
      cats.map((c, i) => ({
        unit_id: root.id,
        category_id: c.id,
        year: 2026,
        basis: i === 2 ? ('norm' as const) : null,
        norm_amount: null,
        norm_quantity_milli: i === 2 ? 60_000_000 : null,
        norm_per_capita: null,
        target_tenths: 100 + i * 50,
        updated_at: T,
        updated_by: 'admin',
      })),
    )
    .execute();
}
