/**
 * Invoice accounts edited one by one (the settings view): list the rows of the units a person
 * may see, add, change and remove rows of the units they may write. Every match field is
 * compared as accountField writes it; a row must name at least one; tax codes must look like
 * one; the same four fields twice is refused (409).
 */
import type { AppDeps } from '../deps.ts';
import { isoNow } from '../clock.ts';
import { AppError, badRequest, conflict, notFound } from '../errors.ts';
import { listCategoryRows } from '../categories/categories.repository.ts';
import { requireUnit, subtreeIds } from '../units/units.service.ts';
import { accountField, ACCOUNT_FIELDS, isTaxCode } from '../../domain/einvoices/accounts.ts';
import {
  InvoiceAccountInputSchema,
  type InvoiceAccount,
  type InvoiceAccountInput,
} from '../../domain/schemas/einvoice.ts';
import {
  deleteAccount,
  insertAccount,
  listAccountRows,
  updateAccount,
  type AccountDbRow,
  type AccountWrite,
} from './einvoices.repository.ts';

export interface Caller {
  actor: string | null;
  /** null = every unit. */
  readIds: Set<number> | null;
  writeIds: Set<number> | null;
}

const toApi = (r: AccountDbRow): InvoiceAccount => ({
  id: r.id,
  sellerTaxCode: r.seller_tax_code,
  customerCode: r.customer_code,
  buyerTaxCode: r.buyer_tax_code,
  buyerBudgetCode: r.buyer_budget_code,
  unitCode: r.unit_code,
  categoryCode: r.category_code,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const forbidden = (unit: string) =>
  new AppError(403, 'unit_forbidden', `Bạn không có quyền thay đổi tài khoản hóa đơn của đơn vị ${unit}.`, { unit });

/** Rows of `unit`'s subtree (or every row), those the caller may read. */
export async function listAccounts(deps: AppDeps, unit: string | undefined, caller: Caller): Promise<InvoiceAccount[]> {
  let rows = await listAccountRows(deps.db);
  if (unit) {
    const { row, all } = await requireUnit(deps.db, unit);
    const ids = new Set(subtreeIds(all, row.id));
    rows = rows.filter((r) => ids.has(r.unit_id));
  }
  if (caller.readIds) rows = rows.filter((r) => caller.readIds!.has(r.unit_id));
  return rows.map(toApi);
}

async function toWrite(deps: AppDeps, input: InvoiceAccountInput, caller: Caller): Promise<AccountWrite> {
  const body = InvoiceAccountInputSchema.parse(input);
  const keys = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, accountField(body[f])])) as Record<
    (typeof ACCOUNT_FIELDS)[number],
    string
  >;
  if (ACCOUNT_FIELDS.every((f) => keys[f] === ''))
    throw badRequest(
      'Hãy ghi ít nhất một trong: mã số thuế người bán, mã khách hàng, mã số thuế người mua, mã ĐVQHNS người mua.',
    );
  for (const f of ['sellerTaxCode', 'buyerTaxCode'] as const)
    if (keys[f] !== '' && !isTaxCode(keys[f]))
      throw badRequest(`Mã số thuế "${keys[f]}" không hợp lệ: 10 chữ số, hoặc 10-3 chữ số (ví dụ 0300942001-012).`, {
        field: f,
      });
  const { row: unit } = await requireUnit(deps.db, body.unitCode);
  if (caller.writeIds && !caller.writeIds.has(unit.id)) throw forbidden(unit.code);
  let categoryId: number | null = null;
  if (body.categoryCode) {
    const cat = (await listCategoryRows(deps.db)).find((c) => c.code === body.categoryCode && c.retired === 0);
    if (!cat)
      throw notFound(
        `khoản chi mã ${body.categoryCode}`,
        { category: body.categoryCode },
        { entity: 'category', key: body.categoryCode },
      );
    categoryId = cat.id;
  }
  return {
    seller_tax_code: keys.sellerTaxCode,
    customer_code: keys.customerCode,
    buyer_tax_code: keys.buyerTaxCode,
    buyer_budget_code: keys.buyerBudgetCode,
    unit_id: unit.id,
    category_id: categoryId,
    updated_at: isoNow(deps.clock),
    updated_by: caller.actor,
  };
}

const sameKey = (a: AccountDbRow, w: AccountWrite) =>
  a.seller_tax_code === w.seller_tax_code &&
  a.customer_code === w.customer_code &&
  a.buyer_tax_code === w.buyer_tax_code &&
  a.buyer_budget_code === w.buyer_budget_code;

const duplicate = () =>
  conflict(
    'account_exists',
    'Đã có một tài khoản hóa đơn với đúng bốn trường này. Hãy sửa dòng đó thay vì thêm dòng mới.',
  );

async function requireRow(deps: AppDeps, id: number, caller: Caller): Promise<AccountDbRow> {
  const row = (await listAccountRows(deps.db)).find((r) => r.id === id);
  if (!row || (caller.readIds && !caller.readIds.has(row.unit_id))) throw notFound('tài khoản hóa đơn này');
  if (caller.writeIds && !caller.writeIds.has(row.unit_id)) throw forbidden(row.unit_code);
  return row;
}

export async function createAccount(
  deps: AppDeps,
  input: InvoiceAccountInput,
  caller: Caller,
): Promise<InvoiceAccount> {
  const w = await toWrite(deps, input, caller);
  if ((await listAccountRows(deps.db)).some((a) => sameKey(a, w))) throw duplicate();
  const id = await insertAccount(deps.db, w);
  return toApi((await listAccountRows(deps.db)).find((r) => r.id === id)!);
}

export async function changeAccount(
  deps: AppDeps,
  id: number,
  input: InvoiceAccountInput,
  caller: Caller,
): Promise<{ before: InvoiceAccount; after: InvoiceAccount }> {
  const old = await requireRow(deps, id, caller);
  const w = await toWrite(deps, input, caller);
  if ((await listAccountRows(deps.db)).some((a) => a.id !== id && sameKey(a, w))) throw duplicate();
  await updateAccount(deps.db, id, w);
  return { before: toApi(old), after: toApi((await listAccountRows(deps.db)).find((r) => r.id === id)!) };
}

export async function removeAccount(deps: AppDeps, id: number, caller: Caller): Promise<InvoiceAccount> {
  const old = await requireRow(deps, id, caller);
  await deleteAccount(deps.db, id);
  return toApi(old);
}
