/**
 * What a person types into the figure editor. Amounts are whole đồng written either way
 * ("1.250.000", "1,250,000", "1 250 000 đ"), so every separator is dropped. Quantities keep up
 * to three decimals and accept "12,5" or "12.5"; a lone separator followed by exactly three
 * digits ("1.250") is read as thousands, the way vi-VN writes it.
 */
export function parseAmountInput(s: string): number | null {
  const t = s.replace(/[\s.,'’đĐ₫]|VND/gi, '');
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
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
