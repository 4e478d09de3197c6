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
import { recordAudit } from '../audit/audit.repository.ts';
import { canWriteUnit, type Caller } from '../auth/caller.ts';
import { requireUnit } from '../units/units.service.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
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

/** An invoice account change in the audit trail ('invoice_account.create|update|delete'), in its transaction. */
function audit(deps: AppDeps, by: Caller, verb: string, row: InvoiceAccount, before: unknown, after: unknown) {
  return recordAudit(deps.db, {
    ...by,
    at: isoNow(deps.clock),
    action: `invoice_account.${verb}`,
    entityType: 'invoice_account',
    entityKey: String(row.id),
    unitCode: row.unitCode,
    before,
    after,
  });
}

/** Runs `fn` with deps whose db is one transaction. */
const inTransaction = <T>(deps: AppDeps, fn: (d: AppDeps) => Promise<T>): Promise<T> =>
  deps.db.transaction().execute((trx) => fn({ ...deps, db: trx }));

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
  if (!canWriteUnit(caller, unit.id)) throw forbidden(unit.code);
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
  if (!canWriteUnit(caller, row.unit_id)) throw forbidden(row.unit_code);
  return row;
}

export async function createAccount(
  deps: AppDeps,
  input: InvoiceAccountInput,
  caller: Caller,
): Promise<InvoiceAccount> {
  return inTransaction(deps, async (d) => {
    const w = await toWrite(d, input, caller);
    if ((await listAccountRows(d.db)).some((a) => sameKey(a, w))) throw duplicate();
    const id = await insertAccount(d.db, w);
    const account = toApi((await listAccountRows(d.db)).find((r) => r.id === id)!);
    await audit(d, caller, 'create', account, null, account);
    return account;
  });
}

export async function changeAccount(
  deps: AppDeps,
  id: number,
  input: InvoiceAccountInput,
  caller: Caller,
): Promise<InvoiceAccount> {
  return inTransaction(deps, async (d) => {
    const before = toApi(await requireRow(d, id, caller));
    const w = await toWrite(d, input, caller);
    if ((await listAccountRows(d.db)).some((a) => a.id !== id && sameKey(a, w))) throw duplicate();
    await updateAccount(d.db, id, w);
    const after = toApi((await listAccountRows(d.db)).find((r) => r.id === id)!);
    await audit(d, caller, 'update', after, before, after);
    return after;
  });
}

export async function removeAccount(deps: AppDeps, id: number, caller: Caller): Promise<void> {
  await inTransaction(deps, async (d) => {
    const before = toApi(await requireRow(d, id, caller));
    await deleteAccount(d.db, id);
    await audit(d, caller, 'delete', before, before, null);
  });
}
