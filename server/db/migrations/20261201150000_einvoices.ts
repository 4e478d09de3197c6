/**
 * E-invoices: the agency's invoice accounts (which seller, customer code, buyer tax code and
 * budget-unit code belong to which unit and category) and every invoice read, with its identity,
 * parties, lines, file hash, where its own fields land it and where it counts now. The invoice
 * summary of an import (new, duplicate, replaced, adjusted, skipped files) goes on `imports`. Frozen.
 */
import type { Kysely } from 'kysely';
import { refColumn, withId } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const ref = refColumn(db);

  // Blank match fields are '' (not null) so the unique key compares them on both databases.
  await withId(db, db.schema.createTable('invoice_accounts'))
    .addColumn('seller_tax_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customer_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('buyer_tax_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('buyer_budget_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('category_id', ref, (c) => c.references('categories.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addUniqueConstraint('invoice_accounts_key', [
      'seller_tax_code',
      'customer_code',
      'buyer_tax_code',
      'buyer_budget_code',
    ])
    .execute();
  await db.schema.createIndex('invoice_accounts_unit_idx').on('invoice_accounts').column('unit_id').execute();

  await withId(db, db.schema.createTable('invoices'))
    // Identity: seller tax code + form + symbol + number (the number without leading zeros).
    .addColumn('seller_tax_code', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_text', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('seller_name', 'text', (c) => c.notNull())
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_tax_code', 'text', (c) => c.notNull())
    .addColumn('customer_code', 'text', (c) => c.notNull())
    .addColumn('buyer_budget_code', 'text', (c) => c.notNull())
    // 'replace' (TCHDon 1) or 'adjust' (TCHDon 2) and the invoice it names; null for an original.
    .addColumn('relation', 'text')
    .addColumn('related_form', 'text')
    .addColumn('related_symbol', 'text')
    .addColumn('related_number', 'text')
    // As written (exact decimals, the invoice's currency).
    .addColumn('total_before_tax', 'text')
    .addColumn('total_tax', 'text')
    .addColumn('total', 'text', (c) => c.notNull())
    // What it adds to a figure: đồng VAT included and kWh thousandths, signed for adjustments.
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('quantity_milli', 'bigint')
    // JSON list of the lines as written.
    .addColumn('lines', 'text', (c) => c.notNull())
    // Where its own fields land it (accounts at import time, period rule) ...
    .addColumn('own_unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('own_category_id', ref, (c) => c.notNull().references('categories.id'))
    .addColumn('own_period', 'text', (c) => c.notNull())
    .addColumn('period_source', 'text', (c) => c.notNull())
    // ... and where it counts now: null when replaced (status 'replaced').
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figure_unit_id', ref, (c) => c.references('units.id'))
    .addColumn('figure_category_id', ref, (c) => c.references('categories.id'))
    .addColumn('figure_period', 'text')
    .addColumn('has_seller_signature', 'integer', (c) => c.notNull())
    .addColumn('tax_authority_code', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('import_id', ref, (c) => c.notNull().references('imports.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('invoices_identity', ['seller_tax_code', 'form', 'symbol', 'number'])
    .execute();
  await db.schema
    .createIndex('invoices_figure_idx')
    .on('invoices')
    .columns(['figure_unit_id', 'figure_category_id', 'figure_period'])
    .execute();

  await db.schema.alterTable('imports').addColumn('invoice_summary', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('invoice_summary').execute();
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('invoice_accounts').execute();
}
