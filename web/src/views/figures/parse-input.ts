/**
 * What a person types into the figure editor. Amounts are whole đồng written either way
 * ("1.250.000", "1,250,000", "1 250 000 đ", "1250000"): separators between groups of three
 * digits are dropped. A decimal part ("1.250.000,5", "1250000.50") is a fraction of a đồng and
 * refused as such, unless it is only zeros ("1.250.000,00"). Quantities keep up to three
 * decimals and accept "12,5" or "12.5"; a lone separator followed by exactly three digits
 * ("1.250") is read as thousands, the way vi-VN writes it.
 */
export type AmountInput = { amount: number } | { error: 'fraction' | 'invalid' };

export function readAmountInput(s: string): AmountInput {
  const t = s.replace(/[\s'’đĐ₫]|VND/gi, '');
  // Whole đồng: digits, or groups of three after one kind of separator ("1.250.000", "1,250,000").
  const whole = /^\d+$|^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$/;
  let digits: string | null = whole.test(t) ? t.replace(/[.,]/g, '') : null;
  if (digits == null) {
    // A decimal mark: the last separator, after whole đồng written with the other kind (or none).
    const m = /^(.*\d)([.,])(\d+)$/.exec(t);
    const [, int = '', mark, frac = ''] = m ?? [];
    if (!m || int.includes(mark) || !whole.test(int)) return { error: 'invalid' };
    if (!/^0+$/.test(frac)) return { error: 'fraction' };
    digits = int.replace(/[.,]/g, '');
  }
  const n = Number(digits);
  return Number.isSafeInteger(n) ? { amount: n } : { error: 'invalid' };
}

/** The amount typed, or null when it is no whole number of đồng (readAmountInput says why). */
export function parseAmountInput(s: string): number | null {
  const r = readAmountInput(s);
  return 'amount' in r ? r.amount : null;
}

export function parseQuantityInput(s: string): number | null {
  let t = s.trim().replace(/\s/g, '');
  if (t === '') return null;
  const seps = t.match(/[.,]/g) ?? [];
  if (seps.length > 1) {
    // The last separator is the decimal mark when the two kinds differ ("1.250,5" / "1,250.5").
    const last = Math.max(t.lastIndexOf('.'), t.lastIndexOf(','));
    const kinds = new Set(seps);
    if (kinds.size === 1) t = t.replace(/[.,]/g, '');
    else t = t.slice(0, last).replace(/[.,]/g, '') + '.' + t.slice(last + 1);
  } else if (seps.length === 1) {
    t = /^\d{1,3}[.]\d{3}$/.test(t) ? t.replace('.', '') : t.replace(',', '.');
  }
  if (!/^\d+(\.\d{1,3})?$/.test(t)) return null;
  return Number(t);
}
