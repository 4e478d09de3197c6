/**
 * Stores an invoice-accounts file: upsert by the four match fields (rows not in the file stay;
 * they are removed in the settings view). An officer may only write rows of their own units,
 * nor take over a row that maps to someone else's unit (403, nothing stored).
 */
import { AppError } from '../errors.ts';
import type { InvoiceAccountRecord } from '../ingest/types.ts';
import { insertAccount, listAccountRows, updateAccount, type AccountDbRow } from '../einvoices/einvoices.repository.ts';
import { pushChange, type ImportStore, type StoreContext } from './store.ts';

const keyOf = (r: { seller: string; customer: string; buyer: string; budget: string }) =>
  [r.seller, r.customer, r.buyer, r.budget].join(',');

export function createInvoiceAccountStore(ctx: StoreContext): ImportStore<InvoiceAccountRecord> {
  const unitCode = new Map(ctx.lookup.units.map((u) => [u.id, u.code]));
  const catCode = new Map(ctx.lookup.categories.map((c) => [c.id, c.code]));
  let existing: Map<string, AccountDbRow> | null = null;
  const forbid = (row: number, unitId: number) => {
    const unit = unitCode.get(unitId) ?? String(unitId);
    return new AppError(
      403,
      'unit_forbidden',
      `Bạn không được khai tài khoản hóa đơn cho đơn vị ${unit}; tệp không được lưu. Hãy bỏ các dòng của đơn vị này.`,
      { row, unit },
    );
  };
  const store: ImportStore<InvoiceAccountRecord> = {
    counts: { inserted: 0, updated: 0, unchanged: 0 },
    changes: [],
    changedPeriods: new Set(),

    check(records) {
      for (const r of records)
        if (ctx.allowedUnitIds && !ctx.allowedUnitIds.has(r.unitId)) throw forbid(r.row, r.unitId);
      return [];
    },

    async write(records) {
      existing ??= new Map(
        (await listAccountRows(ctx.trx)).map((a) => [
          keyOf({
            seller: a.seller_tax_code,
            customer: a.customer_code,
            buyer: a.buyer_tax_code,
            budget: a.buyer_budget_code,
          }),
          a,
        ]),
      );
      for (const r of records) {
        const key = keyOf({
          seller: r.sellerTaxCode,
          customer: r.customerCode,
          buyer: r.buyerTaxCode,
          budget: r.buyerBudgetCode,
        });
        const old = existing.get(key);
        const after = {
          unit: unitCode.get(r.unitId) ?? '',
          category: r.categoryId == null ? null : catCode.get(r.categoryId),
        };
        const row = {
          seller_tax_code: r.sellerTaxCode,
          customer_code: r.customerCode,
          buyer_tax_code: r.buyerTaxCode,
          buyer_budget_code: r.buyerBudgetCode,
          unit_id: r.unitId,
          category_id: r.categoryId,
          updated_at: ctx.now,
          updated_by: ctx.actor,
        };
        if (!old) {
          store.counts.inserted++;
          await insertAccount(ctx.trx, row);
          pushChange(store.changes, { row: r.row, key, action: 'insert', before: null, after });
        } else if (old.unit_id !== r.unitId || old.category_id !== r.categoryId) {
          if (ctx.allowedUnitIds && !ctx.allowedUnitIds.has(old.unit_id)) throw forbid(r.row, old.unit_id);
          store.counts.updated++;
          await updateAccount(ctx.trx, old.id, row);
          pushChange(store.changes, {
            row: r.row,
            key,
            action: 'update',
            before: { unit: old.unit_code, category: old.category_code },
            after,
          });
        } else store.counts.unchanged++;
      }
    },

    async finish() {
      return [];
    },
  };
  return store;
}
