/**
 * The year-end outlook in one sentence, for the overview card, the monthly email and the CLI:
 * "Để đạt chỉ tiêu 10%, từ tháng 7 đến hết năm chi tối đa 22.200.000 đ (3.700.000 đ/tháng);
 * theo đà hiện tại cả năm giảm 12,5%". Numbers in vi-VN (en-GB in English); kWh categories say
 * "dùng" (use) instead of "chi" (spend). Null when there is nothing to say (no target, December).
 */
import { splitPeriod } from './months.ts';
import type { OutlookResult } from './schemas/results.ts';

export interface OutlookSentenceInput {
  outlook: OutlookResult | null;
  /** Target percent. */
  target: number | null;
  measure: 'amount' | 'quantity';
  quantityUnit: string | null;
  /** A month counted is incomplete: the sentence says so. */
  provisional?: boolean;
}

const nf = {
  vi: {
    n: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }),
    p1: new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
  en: {
    n: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
    p1: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  },
};

export function outlookSentence(x: OutlookSentenceInput, lang: 'vi' | 'en'): string | null {
  const o = x.outlook;
  if (!o || x.target == null || o.from == null) return null;
  const f = nf[lang];
  const value = (n: number) => `${f.n.format(n)} ${x.measure === 'quantity' ? (x.quantityUnit ?? '') : 'đ'}`.trim();
  const target = `${f.n.format(x.target)}%`;
  const month = splitPeriod(o.from).month;
  const qty = x.measure === 'quantity';
  const provisional = x.provisional ? (lang === 'vi' ? ' (tạm tính)' : ' (provisional)') : '';
  if (o.allowance == null)
    return lang === 'vi'
      ? `Chưa tính được mức ${qty ? 'sử dụng' : 'chi'} còn lại để đạt chỉ tiêu ${target}: chưa có mốc so sánh cả năm${provisional}`
      : `The room left under the ${target} target is unknown: there is no whole-year baseline${provisional}`;
  const pace =
    o.projected == null
      ? ''
      : lang === 'vi'
        ? `; theo đà hiện tại cả năm ${o.projected > 0 ? `giảm ${f.p1.format(o.projected)}%` : o.projected < 0 ? `tăng ${f.p1.format(-o.projected)}%` : 'không đổi'}`
        : `; at the current pace the year ends ${o.projected > 0 ? `down ${f.p1.format(o.projected)}%` : o.projected < 0 ? `up ${f.p1.format(-o.projected)}%` : 'unchanged'}`;
  if (o.allowance < 0)
    return lang === 'vi'
      ? `Không còn đạt được chỉ tiêu ${target} năm nay: lũy kế đã vượt mức ${qty ? 'sử dụng' : 'chi'} cả năm ${value(-o.allowance)}${pace}${provisional}`
      : `The ${target} target can no longer be met this year: the year to date is already ${value(-o.allowance)} over the whole year's limit${pace}${provisional}`;
  const monthEn = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return lang === 'vi'
    ? `Để đạt chỉ tiêu ${target}, từ tháng ${month} đến hết năm ${qty ? 'dùng' : 'chi'} tối đa ${value(o.allowance)} (${value(o.perMonth ?? 0)}/tháng)${pace}${provisional}`
    : `To meet the ${target} target, ${qty ? 'use' : 'spend'} at most ${value(o.allowance)} from ${monthEn} to the end of the year (${value(o.perMonth ?? 0)} a month)${pace}${provisional}`;
}
