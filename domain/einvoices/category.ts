/**
 * The category of an invoice whose accounts row leaves it blank, in this order: any kWh line →
 * electricity; a seller named "Điện lực" → electricity; a seller VNPT, Viettel, MobiFone or
 * "Viễn thông" → phone; lines naming giấy, bút, mực, bìa, kẹp, ghim, sổ, băng keo, phong bì or
 * "văn phòng phẩm" making up more than half of the amount before tax → stationery; else other.
 * Pure.
 */
import { foldKey } from '../text.ts';
import { hasKwhLine, moreThanHalf, shareBeforeTax } from './amounts.ts';
import type { Invoice, InvoiceLine } from './invoice.ts';

export type FallbackCategory = 'electricity' | 'phone' | 'stationery' | 'other';

export interface CategoryGuess {
  category: FallbackCategory;
  /** Why, for the preview and the docs: 'kwh', 'seller_power', 'seller_telecom', 'stationery_lines', 'none'. */
  reason: 'kwh' | 'seller_power' | 'seller_telecom' | 'stationery_lines' | 'none';
}

const TELECOM = /(?:^| )(?:vnpt|viettel|mobifone|vien thong)(?: |$)/;
// With diacritics: without them "so" (sổ, notebook) would also be "số" (number).
const STATIONERY =
  /(?<![\p{L}\p{N}])(?:giấy|bút|mực|bìa|kẹp|ghim|sổ|băng keo|phong bì|văn phòng phẩm)(?![\p{L}\p{N}])/u;

/** Does a line's name name stationery? */
export function isStationeryLine(l: InvoiceLine): boolean {
  return STATIONERY.test(l.name.normalize('NFC').toLowerCase().replace(/\s+/g, ' '));
}

export function fallbackCategory(inv: Invoice): CategoryGuess {
  if (hasKwhLine(inv)) return { category: 'electricity', reason: 'kwh' };
  const seller = foldKey(inv.seller.name);
  if (/(?:^| )dien luc(?: |$)/.test(seller)) return { category: 'electricity', reason: 'seller_power' };
  if (TELECOM.test(seller)) return { category: 'phone', reason: 'seller_telecom' };
  if (moreThanHalf(shareBeforeTax(inv, isStationeryLine)))
    return { category: 'stationery', reason: 'stationery_lines' };
  return { category: 'other', reason: 'none' };
}
