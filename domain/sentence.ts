/**
 * The annual sentence a party committee puts in its report (docs/domain.md worked example):
 * "Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%;
 * tiết kiệm điện đạt 15% so với định mức."
 * Same-period categories come first, norm categories after; categories with an unknown reduction
 * are left out; an increase says "tăng", a norm overrun says "vượt định mức".
 */
import { splitPeriod } from './months.ts';

export interface SentencePart {
  code: string;
  nameVi: string;
  nameEn: string;
  basis: 'norm' | 'previous_year';
  /** Percent, one decimal; null = unknown (left out). */
  reduction: number | null;
}

// How the report phrases a category when it differs from "lower-case name".
const PHRASE_VI: Record<string, string> = { other: 'các khoản chi phí khác' };

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const pctVi = (n: number) => String(Math.abs(n)).replace('.', ',') + '%';
const pctEn = (n: number) => String(Math.abs(n)) + '%';

export function annualSentence(year: number, through: string, parts: SentencePart[]): { vi: string; en: string } {
  const { month } = splitPeriod(through);
  const headVi = month === 12 ? `Năm ${year}` : `Năm ${year} (lũy kế đến tháng ${month}/${year})`;
  const headEn = month === 12 ? `${year}` : `${year} (through ${month}/${year})`;
  const known = parts.filter((p) => p.reduction != null);
  const ordered = [...known.filter((p) => p.basis === 'previous_year'), ...known.filter((p) => p.basis === 'norm')];
  if (ordered.length === 0)
    return { vi: `${headVi}: chưa đủ số liệu để so sánh.`, en: `${headEn}: not enough figures to compare yet.` };
  const vi = ordered.map((p) => {
    const name = PHRASE_VI[p.code] ?? lowerFirst(p.nameVi);
    const r = p.reduction!;
    if (p.basis === 'norm')
      return r >= 0 ? `tiết kiệm ${name} đạt ${pctVi(r)} so với định mức` : `${name} vượt định mức ${pctVi(r)}`;
    return `${name} ${r >= 0 ? 'giảm' : 'tăng'} ${pctVi(r)}`;
  });
  const en = ordered.map((p) => {
    const name = p.nameEn.toLowerCase();
    const r = p.reduction!;
    if (p.basis === 'norm') return r >= 0 ? `${name} ${pctEn(r)} below the norm` : `${name} ${pctEn(r)} over the norm`;
    return `${name} ${r >= 0 ? 'down' : 'up'} ${pctEn(r)}`;
  });
  return { vi: `${headVi}: ${vi.join('; ')}.`, en: `${headEn}: ${en.join('; ')}.` };
}
