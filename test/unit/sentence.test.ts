import { describe, expect, it } from 'vitest';
import { annualSentence } from '../../domain/sentence.ts';

const parts = [
  {
    code: 'stationery',
    nameVi: 'Văn phòng phẩm',
    nameEn: 'Stationery',
    basis: 'previous_year' as const,
    reduction: 10,
  },
  { code: 'phone', nameVi: 'Cước điện thoại', nameEn: 'Phone charges', basis: 'previous_year' as const, reduction: 20 },
  { code: 'electricity', nameVi: 'Điện', nameEn: 'Electricity', basis: 'norm' as const, reduction: 15 },
  { code: 'other', nameVi: 'Chi phí khác', nameEn: 'Other costs', basis: 'previous_year' as const, reduction: 5 },
];

describe('annual sentence', () => {
  it('reads like the party committee report', () => {
    const s = annualSentence(2020, '2020-12', parts);
    expect(s.vi).toBe(
      'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
    );
    expect(s.en).toBe(
      '2020: stationery down 10%; phone charges down 20%; other costs down 5%; electricity 15% below the norm.',
    );
  });
  it('says increases, overruns, decimals with a comma, and leaves unknowns out', () => {
    const s = annualSentence(2021, '2021-06', [
      { ...parts[0], reduction: -2.5 },
      { ...parts[1], reduction: null },
      { ...parts[2], reduction: -3 },
    ]);
    expect(s.vi).toBe('Năm 2021 (lũy kế đến tháng 6/2021): văn phòng phẩm tăng 2,5%; điện vượt định mức 3%.');
  });
  it('has a sentence when nothing is known', () => {
    expect(annualSentence(2022, '2022-12', []).vi).toBe('Năm 2022: chưa đủ số liệu để so sánh.');
  });
});
