/**
 * Stores the new invoices and re-lands every stored invoice of their sellers from the whole set
 * (domain/einvoices/landing.ts): an original arriving after its replacement is stored as
 * replaced; a replacement removes the stored original from its figure; an adjustment moves onto
 * the invoice it adjusts once that one is known. Returns the figures whose invoices changed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { identityKey, relatedId, type InvoiceId } from '../../domain/einvoices/invoice.ts';
import { landingKey, resolveLandings, type Landing, type LandingInput } from '../../domain/einvoices/landing.ts';
import { insertInvoice, listSellerInvoices, setInvoiceLanding, type InvoiceLight } from './einvoices.repository.ts';
import type { Pending } from './assign-all.ts';

export interface Relanded {
  /** Every figure key an invoice left or joined. */
  touched: Landing[];
  /** identityKeys of new adjusting invoices whose adjusted invoice is not known. */
  adjustedUnknown: Set<string>;
  /** The file and invoice that first touched a key (for messages). */
  fileOf(k: Landing): { file: string; invoice: string };
}

const storedId = (r: InvoiceLight): InvoiceId => ({
  sellerTaxCode: r.seller_tax_code,
  form: r.form,
  symbol: r.symbol,
  number: r.number,
});

function storedInput(r: InvoiceLight): LandingInput {
  const related =
    r.relation && r.related_form != null && r.related_symbol != null && r.related_number != null
      ? identityKey({
          sellerTaxCode: r.seller_tax_code,
          form: r.related_form,
          symbol: r.related_symbol,
          number: r.related_number,
        })
      : null;
  return {
    key: identityKey(storedId(r)),
    relation: r.relation,
    relatedKey: related,
    own: { unitId: r.own_unit_id, categoryId: r.own_category_id, period: r.own_period },
  };
}

const landingOf = (r: InvoiceLight): Landing | null =>
  r.status === 'active' && r.figure_unit_id != null && r.figure_category_id != null && r.figure_period != null
    ? { unitId: r.figure_unit_id, categoryId: r.figure_category_id, period: r.figure_period }
    : null;

const same = (a: Landing | null, b: Landing | null) => (a && b ? landingKey(a) === landingKey(b) : a === b);

export async function relandSellers(
  trx: Kysely<Database>,
  pending: Pending[],
  meta: { importId: number; now: string; actor: string | null },
): Promise<Relanded> {
  const sellers = [...new Set(pending.map((p) => p.item.read.invoice.id.sellerTaxCode))].sort();
  const stored = await listSellerInvoices(trx, sellers);
  const inputs: LandingInput[] = stored.map(storedInput);
  for (const p of pending) {
    const inv = p.item.read.invoice;
    const rel = relatedId(inv);
    inputs.push({
      key: identityKey(inv.id),
      relation: inv.related?.kind ?? null,
      relatedKey: rel ? identityKey(rel) : null,
      own: p.own,
    });
  }
  const result = resolveLandings(inputs);
  const touched = new Map<string, Landing>();
  const sources = new Map<string, { file: string; invoice: string }>();
  const touch = (l: Landing | null, src: { file: string; invoice: string }) => {
    if (!l) return;
    const k = landingKey(l);
    touched.set(k, l);
    if (!sources.has(k)) sources.set(k, src);
  };

  for (const p of pending) {
    const inv = p.item.read.invoice;
    const r = result.get(identityKey(inv.id))!;
    const src = { file: p.item.file, invoice: p.item.read.label };
    touch(r.landing, src);
    await insertInvoice(trx, {
      seller_tax_code: inv.id.sellerTaxCode,
      form: inv.id.form,
      symbol: inv.id.symbol,
      number: inv.id.number,
      number_text: inv.numberText,
      issued_on: inv.issuedOn,
      currency: inv.currency,
      rate: inv.rate ?? '1',
      seller_name: inv.seller.name,
      buyer_name: inv.buyer.name,
      buyer_tax_code: inv.buyer.taxCode,
      customer_code: inv.buyer.customerCode,
      buyer_budget_code: inv.buyer.budgetCode,
      relation: inv.related?.kind ?? null,
      related_form: inv.related?.form ?? null,
      related_symbol: inv.related?.symbol ?? null,
      related_number: inv.related?.number ?? null,
      total_before_tax: inv.totals.beforeTax,
      total_tax: inv.totals.tax,
      total: inv.totals.total,
      amount: p.value!.amount,
      quantity_milli: p.value!.quantityMilli,
      lines: JSON.stringify(inv.lines),
      own_unit_id: p.own.unitId,
      own_category_id: p.own.categoryId,
      own_period: p.own.period,
      period_source: p.periodSource,
      status: r.status,
      figure_unit_id: r.landing?.unitId ?? null,
      figure_category_id: r.landing?.categoryId ?? null,
      figure_period: r.landing?.period ?? null,
      has_seller_signature: inv.hasSellerSignature ? 1 : 0,
      tax_authority_code: inv.taxAuthorityCode,
      content_hash: p.item.read.contentHash,
      file_name: p.item.file,
      file_hash: p.item.fileHash,
      import_id: meta.importId,
      created_at: meta.now,
      created_by: meta.actor,
    });
  }

  // The stored invoices whose place changed (replaced now, or an adjustment whose original came).
  const firstPending = pending[0];
  for (const s of stored) {
    const r = result.get(identityKey(storedId(s)))!;
    const before = landingOf(s);
    if (r.status === s.status && same(before, r.landing)) continue;
    await setInvoiceLanding(trx, s.id, r.status, r.landing);
    const by = pending.find((p) => identityKey(p.item.read.invoice.id) === r.replacedBy) ?? firstPending;
    const src = { file: by.item.file, invoice: by.item.read.label };
    touch(before, src);
    touch(r.landing, src);
  }

  const adjustedUnknown = new Set(
    pending
      .map((p) => identityKey(p.item.read.invoice.id))
      .filter((k) => result.get(k)!.adjustedUnknown && result.get(k)!.status === 'active'),
  );
  return {
    touched: [...touched.values()],
    adjustedUnknown,
    fileOf: (k) => sources.get(landingKey(k)) ?? { file: '', invoice: '' },
  };
}
