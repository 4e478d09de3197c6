/**
 * SQL for invoice accounts and invoices. Invoices are few (a unit gets a handful a month), so
 * plain Kysely statements in chunks are enough; every function takes the db or transaction first.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, Db } from '../db/schema.ts';
import { CHUNK } from '../figures/figures.repository.ts';
import type { InvoiceId } from '../../domain/einvoices/invoice.ts';
import type { Landing } from '../../domain/einvoices/landing.ts';
import type { InvoiceTable } from './einvoices.tables.ts';
import './einvoices.tables.ts';

export interface AccountDbRow {
  id: number;
  seller_tax_code: string;
  customer_code: string;
  buyer_tax_code: string;
  buyer_budget_code: string;
  unit_id: number;
  unit_code: string;
  category_id: number | null;
  category_code: string | null;
  updated_at: string;
  updated_by: string | null;
}

export function listAccountRows(db: Db): Promise<AccountDbRow[]> {
  return db
    .selectFrom('invoice_accounts as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('categories as c', 'c.id', 'a.category_id')
    .select([
      'a.id',
      'a.seller_tax_code',
      'a.customer_code',
      'a.buyer_tax_code',
      'a.buyer_budget_code',
      'a.unit_id',
      'u.code as unit_code',
      'a.category_id',
      'c.code as category_code',
      'a.updated_at',
      'a.updated_by',
    ])
    .orderBy('u.code')
    .orderBy('a.seller_tax_code')
    .orderBy('a.customer_code')
    .orderBy('a.buyer_tax_code')
    .orderBy('a.buyer_budget_code')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, id: Number(r.id), unit_id: Number(r.unit_id) })));
}

export interface AccountWrite {
  seller_tax_code: string;
  customer_code: string;
  buyer_tax_code: string;
  buyer_budget_code: string;
  unit_id: number;
  category_id: number | null;
  updated_at: string;
  updated_by: string | null;
}

export async function insertAccount(db: Kysely<Database>, row: AccountWrite): Promise<number> {
  const r = await db.insertInto('invoice_accounts').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateAccount(db: Kysely<Database>, id: number, row: AccountWrite): Promise<void> {
  await db.updateTable('invoice_accounts').set(row).where('id', '=', id).execute();
}

export async function deleteAccount(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('invoice_accounts').where('id', '=', id).execute();
}

/** Columns the landing computation needs. */
export interface InvoiceLight {
  id: number;
  seller_tax_code: string;
  form: string;
  symbol: string;
  number: string;
  relation: 'replace' | 'adjust' | null;
  related_form: string | null;
  related_symbol: string | null;
  related_number: string | null;
  own_unit_id: number;
  own_category_id: number;
  own_period: string;
  status: 'active' | 'replaced';
  figure_unit_id: number | null;
  figure_category_id: number | null;
  figure_period: string | null;
  content_hash: string;
  file_name: string;
  import_id: number;
  number_text?: string;
}

const LIGHT = [
  'id',
  'seller_tax_code',
  'form',
  'symbol',
  'number',
  'relation',
  'related_form',
  'related_symbol',
  'related_number',
  'own_unit_id',
  'own_category_id',
  'own_period',
  'status',
  'figure_unit_id',
  'figure_category_id',
  'figure_period',
  'content_hash',
  'file_name',
  'import_id',
] as const;

const toLight = (r: InvoiceLight): InvoiceLight => ({
  ...r,
  id: Number(r.id),
  own_unit_id: Number(r.own_unit_id),
  own_category_id: Number(r.own_category_id),
  figure_unit_id: r.figure_unit_id == null ? null : Number(r.figure_unit_id),
  figure_category_id: r.figure_category_id == null ? null : Number(r.figure_category_id),
  import_id: Number(r.import_id),
});

/** Every stored invoice of these sellers (relations never cross sellers). */
export async function listSellerInvoices(db: Kysely<Database>, sellers: string[]): Promise<InvoiceLight[]> {
  const out: InvoiceLight[] = [];
  for (let i = 0; i < sellers.length; i += CHUNK) {
    const rows = await db
      .selectFrom('invoices')
      .select([...LIGHT])
      .where('seller_tax_code', 'in', sellers.slice(i, i + CHUNK))
      .orderBy('id')
      .execute();
    out.push(...rows.map((r) => toLight(r as InvoiceLight)));
  }
  return out;
}

export async function insertInvoice(db: Kysely<Database>, row: Insertable<InvoiceTable>): Promise<number> {
  const r = await db.insertInto('invoices').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Where a stored invoice counts now. */
export async function setInvoiceLanding(
  db: Kysely<Database>,
  id: number,
  status: 'active' | 'replaced',
  landing: Landing | null,
): Promise<void> {
  await db
    .updateTable('invoices')
    .set({
      status,
      figure_unit_id: landing?.unitId ?? null,
      figure_category_id: landing?.categoryId ?? null,
      figure_period: landing?.period ?? null,
    })
    .where('id', '=', id)
    .execute();
}

export interface InvoiceSum {
  amount: number;
  quantityMilli: number | null;
  count: number;
}

/** What the active invoices landing on one figure add up to (count 0 when none). */
export async function sumInvoicesAt(db: Kysely<Database>, at: Landing): Promise<InvoiceSum> {
  const r = await db
    .selectFrom('invoices')
    .select([
      sql<string | number | null>`sum(amount)`.as('amount'),
      sql<string | number | null>`sum(quantity_milli)`.as('quantity'),
      sql<string | number>`count(*)`.as('n'),
    ])
    .where('status', '=', 'active')
    .where('figure_unit_id', '=', at.unitId)
    .where('figure_category_id', '=', at.categoryId)
    .where('figure_period', '=', at.period)
    .executeTakeFirstOrThrow();
  return {
    amount: Number(r.amount ?? 0),
    quantityMilli: r.quantity == null ? null : Number(r.quantity),
    count: Number(r.n),
  };
}

/** Active invoices of one figure, oldest first, with every column. */
export function listInvoicesAt(db: Db, at: Landing) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('status', '=', 'active')
    .where('figure_unit_id', '=', at.unitId)
    .where('figure_category_id', '=', at.categoryId)
    .where('figure_period', '=', at.period)
    .orderBy('issued_on')
    .orderBy('id')
    .execute();
}

/** One stored invoice by identity (light columns), or undefined. */
export async function findInvoice(db: Kysely<Database>, id: InvoiceId): Promise<InvoiceLight | undefined> {
  const r = await db
    .selectFrom('invoices')
    .select([...LIGHT, 'number_text'])
    .where('seller_tax_code', '=', id.sellerTaxCode)
    .where('form', '=', id.form)
    .where('symbol', '=', id.symbol)
    .where('number', '=', id.number)
    .executeTakeFirst();
  return r ? { ...toLight(r), number_text: r.number_text } : undefined;
}

/** The kind of each import (a figure written by an 'invoices' import is built from invoices). */
export async function importKinds(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('imports').select(['id', 'kind']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), r.kind]));
}

/** True when active invoices land on this figure (a hand edit of it is a warning). */
export async function figureHasInvoices(db: Kysely<Database>, at: Landing): Promise<boolean> {
  return (await sumInvoicesAt(db, at)).count > 0;
}
