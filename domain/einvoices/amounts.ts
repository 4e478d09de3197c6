/**
 * What an invoice adds to a figure: the amount payable VAT included (TgTTTBSo) in whole đồng, a
 * foreign currency times its rate TGia rounded half away from zero; and the kWh of its goods
 * lines (TChat 1) whose unit is kWh. An adjusting invoice (TCHDon 2) adds or takes away: a line
 * decreases when its amount is negative or its TCDChinh is 2 (never both: a negative line marked
 * 2 still decreases once). Pure.
 */
import { abs, add, cmp, dec, isWhole, mul, roundHalfAway, toMilli, ZERO, type Dec } from './decimal.ts';
import type { Invoice, InvoiceLine } from './invoice.ts';
import { MAX_DONG } from '../money.ts';
import { foldKey } from '../text.ts';

export type AmountProblemCode =
  | 'invoice_amount_fraction'
  | 'invoice_rate_missing'
  | 'invoice_negative_total'
  | 'invoice_adjustment_mixed'
  | 'invoice_quantity_decimals'
  | 'invoice_amount_too_large';

export interface AmountProblem {
  code: AmountProblemCode;
  params: Record<string, string | number | null>;
}

export interface InvoiceValue {
  /** Whole đồng, VAT included; negative only for an adjustment that decreases. */
  amount: number;
  /** kWh thousandths of kWh lines (signed like the amount), or null when there is none. */
  quantityMilli: number | null;
}

const isKwh = (unit: string) => foldKey(unit) === 'kwh';
/** Goods and services lines (TChat 1; a line without TChat is taken as one). */
export const isGoodsLine = (l: InvoiceLine) => l.nature == null || l.nature === '1';

/** Does any goods line bill kWh? */
export function hasKwhLine(inv: Invoice): boolean {
  return inv.lines.some((l) => isGoodsLine(l) && isKwh(l.unit) && l.quantity != null);
}

/** 'down' when the line decreases the adjusted invoice, 'up' when it increases it, null when it says nothing. */
function lineDirection(l: InvoiceLine): 'up' | 'down' | null {
  if (l.nature === '4') return null;
  const amount = l.amount == null ? ZERO : dec(l.amount);
  const qty = l.quantity == null ? ZERO : dec(l.quantity);
  if (l.adjustment === '2' || amount.n < 0n) return 'down';
  return amount.n > 0n || qty.n > 0n ? 'up' : null;
}

/** Whole đồng of an amount in the invoice's currency. */
function toDong(amount: Dec, inv: Invoice): { ok: true; value: bigint } | { ok: false; problem: AmountProblem } {
  const vnd = inv.currency === 'VND';
  if (vnd) {
    // TGia on a VND invoice is 1; anything else would be a seller's mistake we must not multiply by.
    if (!isWhole(amount))
      return {
        ok: false,
        problem: { code: 'invoice_amount_fraction', params: { value: inv.totals.total, currency: inv.currency } },
      };
    return { ok: true, value: roundHalfAway(amount) };
  }
  if (inv.rate == null || dec(inv.rate).n <= 0n)
    return { ok: false, problem: { code: 'invoice_rate_missing', params: { currency: inv.currency } } };
  return { ok: true, value: roundHalfAway(mul(amount, dec(inv.rate))) };
}

/** The invoice's value for a figure, or the problem that stops it. */
export function invoiceValue(inv: Invoice): { ok: true; value: InvoiceValue } | { ok: false; problem: AmountProblem } {
  const total = dec(inv.totals.total);
  let sign = 1;
  if (inv.related?.kind === 'adjust') {
    const dirs = new Set(inv.lines.map(lineDirection).filter((d) => d != null));
    if (total.n < 0n) dirs.add('down');
    if (dirs.size > 1)
      return { ok: false, problem: { code: 'invoice_adjustment_mixed', params: { total: inv.totals.total } } };
    if (dirs.has('down')) sign = -1;
  } else if (total.n < 0n) {
    return { ok: false, problem: { code: 'invoice_negative_total', params: { total: inv.totals.total } } };
  }
  const dong = toDong(abs(total), inv);
  if (!dong.ok) return dong;
  if (dong.value > BigInt(MAX_DONG))
    return { ok: false, problem: { code: 'invoice_amount_too_large', params: { total: inv.totals.total } } };

  let kwh: Dec | null = null;
  for (const l of inv.lines) {
    if (!isGoodsLine(l) || !isKwh(l.unit) || l.quantity == null) continue;
    kwh = add(kwh ?? ZERO, abs(dec(l.quantity)));
  }
  let quantityMilli: number | null = null;
  if (kwh) {
    const milli = toMilli(kwh);
    if (milli == null)
      return { ok: false, problem: { code: 'invoice_quantity_decimals', params: { quantity: kwh.n.toString() } } };
    quantityMilli = Number(milli) * sign;
  }
  return { ok: true, value: { amount: Number(dong.value) * sign, quantityMilli } };
}

/** Amount before tax of the lines for which `pick` holds, against the invoice's (exact, its currency). */
export function shareBeforeTax(inv: Invoice, pick: (l: InvoiceLine) => boolean): { part: Dec; whole: Dec } {
  let part = ZERO;
  let lines = ZERO;
  for (const l of inv.lines) {
    if (!isGoodsLine(l) || l.amount == null) continue;
    const a = dec(l.amount);
    lines = add(lines, a);
    if (pick(l)) part = add(part, a);
  }
  const whole = inv.totals.beforeTax != null ? dec(inv.totals.beforeTax) : lines;
  return { part, whole };
}

/** True when 2 × part > whole (more than half). */
export function moreThanHalf(s: { part: Dec; whole: Dec }): boolean {
  return s.whole.n > 0n && cmp(mul(s.part, { n: 2n, scale: 0 }), s.whole) > 0;
}
