/** The upload previews name a changed row in words (web/src/components/upload/figure-names.ts). */
import { describe, expect, it } from 'vitest';
import { figureName, splitFigureKey } from '../../web/src/components/upload/figure-names.ts';
import type { Category } from '../../domain/schemas/category.ts';

const known = {
  units: [{ code: 'STTTT-VP', name: 'Văn phòng Sở' }],
  categories: [
    { code: 'stationery', nameVi: 'Văn phòng phẩm', nameEn: 'Stationery', quantityUnit: null },
  ] as unknown as Category[],
};

describe('figure names', () => {
  it('names a figure by unit, category and month in the page language', () => {
    expect(figureName('STTTT-VP/stationery/2026-12', known, 'vi')).toBe(
      'Văn phòng Sở · Văn phòng phẩm · Tháng 12/2026',
    );
    expect(figureName('STTTT-VP/stationery/2026-12', known, 'en')).toBe('Văn phòng Sở · Stationery · December 2026');
  });

  it('names a norm by its year and a unit of a units import by its name', () => {
    expect(figureName('STTTT-VP/stationery/2026', known, 'vi')).toBe('Văn phòng Sở · Văn phòng phẩm · 2026');
    expect(figureName('STTTT-VP', known, 'vi')).toBe('Văn phòng Sở');
  });

  it('keeps a code the page does not know as written', () => {
    expect(figureName('MOI/water/2026-01', known, 'vi')).toBe('MOI · water · Tháng 1/2026');
    expect(figureName('MOI', known, 'vi')).toBe('MOI');
  });

  it('splits a key whose unit code holds a slash', () => {
    expect(splitFigureKey('A/B/phone/2026-03')).toEqual({ unit: 'A/B', category: 'phone', period: '2026-03' });
  });
});
