/**
 * Stores a units file: upsert by code, parent by code (the parent may come later in the file or
 * already exist). Unit files are small (hundreds of rows), so records are gathered and written
 * at the end, when every parent is known and cycles can be refused.
 */
import type { ImportError } from '../../domain/schemas/import.ts';
import type { UnitRecord } from '../ingest/index.ts';
import { listUnitRows, upsertUnitRows, setUnitParent, type UnitRow } from '../units/units.repository.ts';
import { importError, pushChange, unitForbidden, type ImportStore, type StoreContext } from './store.ts';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function createUnitStore(ctx: StoreContext): ImportStore<UnitRecord> {
  const records: UnitRecord[] = [];
  const rowOf = new Map<string, number>();
  const store: ImportStore<UnitRecord> = {
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    changes: [],
    changedPeriods: new Set(),

    check(batch) {
      const errors: ImportError[] = [];
      for (const r of batch) {
        if (ctx.allowedUnitIds) {
          const u = ctx.lookup.units.find((x) => x.code === r.code);
          if (!u || !ctx.allowedUnitIds.has(u.id)) {
            errors.push(unitForbidden(r.row, 'Mã đơn vị', r.code, r.code));
            continue;
          }
        }
        const first = rowOf.get(r.code);
        if (first !== undefined) {
          errors.push(
            importError(
              r.row,
              'Mã đơn vị',
              r.code,
              'duplicate_row',
              `Mã đơn vị ${r.code} đã có ở dòng ${first}; mỗi đơn vị chỉ khai một dòng.`,
            ),
          );
        } else {
          rowOf.set(r.code, r.row);
          records.push(r);
        }
      }
      return errors;
    },

    async write() {
      // Written in finish(), once all parents are known.
    },

    async finish(writing) {
      const existing = await listUnitRows(ctx.trx);
      const byCode = new Map(existing.map((u) => [u.code, u]));
      const codeById = new Map(existing.map((u) => [u.id, u.code]));
      const parentOf = new Map<string, string | null>(
        existing.map((u) => [u.code, u.parent_id == null ? null : (codeById.get(u.parent_id) ?? null)]),
      );
      const errors: ImportError[] = [];
      for (const r of records) {
        if (r.parentCode != null && r.parentCode === r.code) {
          errors.push(
            importError(
              r.row,
              'Đơn vị cấp trên',
              r.parentCode,
              'parent_self',
              `Đơn vị ${r.code} không thể là cấp trên của chính nó.`,
            ),
          );
        } else if (r.parentCode != null && !byCode.has(r.parentCode) && !rowOf.has(r.parentCode)) {
          errors.push(
            importError(
              r.row,
              'Đơn vị cấp trên',
              r.parentCode,
              'unknown_parent',
              `Không có đơn vị mã ${r.parentCode}; hãy khai đơn vị cấp trên trong tệp hoặc sửa mã.`,
            ),
          );
        }
        parentOf.set(r.code, r.parentCode);
      }
      // Only units on a loop are reported (not those merely hanging below one).
      for (const r of records) {
        const seen = new Set<string>();
        for (let p = parentOf.get(r.code); p != null && !seen.has(p); p = parentOf.get(p)) {
          if (p === r.code) {
            errors.push(
              importError(
                r.row,
                'Đơn vị cấp trên',
                r.parentCode ?? '',
                'parent_cycle',
                `Cây đơn vị bị vòng lặp qua ${r.code}; hãy sửa đơn vị cấp trên.`,
              ),
            );
            break;
          }
          seen.add(p);
        }
      }
      if (errors.length || !writing) return errors;

      const changed: UnitRecord[] = [];
      for (const r of records) {
        const old = byCode.get(r.code);
        const aliases = r.aliases.length ? r.aliases : old ? (JSON.parse(old.aliases) as string[]) : [];
        const after = { code: r.code, name: r.name, parentCode: r.parentCode, headcount: r.headcount, aliases };
        if (!old) {
          store.counts.inserted++;
          changed.push({ ...r, aliases });
          pushChange(store.changes, { row: r.row, key: r.code, action: 'insert', before: null, after });
          continue;
        }
        const oldParent = old.parent_id == null ? null : (codeById.get(old.parent_id) ?? null);
        const oldAliases = JSON.parse(old.aliases) as string[];
        if (
          old.name === r.name &&
          old.headcount === r.headcount &&
          oldParent === r.parentCode &&
          sameList(oldAliases, aliases)
        ) {
          store.counts.unchanged++;
          continue;
        }
        store.counts.updated++;
        changed.push({ ...r, aliases });
        pushChange(store.changes, {
          row: r.row,
          key: r.code,
          action: 'update',
          before: {
            code: old.code,
            name: old.name,
            parentCode: oldParent,
            headcount: old.headcount,
            aliases: oldAliases,
          },
          after,
        });
      }
      if (!changed.length) return [];
      await upsertUnitRows(
        ctx.trx,
        changed.map((r) => ({ code: r.code, name: r.name, headcount: r.headcount, aliases: r.aliases })),
        ctx.now,
      );
      const ids = new Map((await listUnitRows(ctx.trx)).map((u: UnitRow) => [u.code, u.id]));
      for (const r of changed) {
        await setUnitParent(ctx.trx, ids.get(r.code)!, r.parentCode == null ? null : ids.get(r.parentCode)!, ctx.now);
      }
      return [];
    },
  };
  return store;
}
