/** Finding a unit by typing (issue 14, point 11): accents ignored, name, code or alias, place in the tree. */
import { describe, expect, it } from 'vitest';
import { findUnits, fold, unitEntries } from '../../web/src/components/unit-picker/unit-search.ts';
import type { Unit } from '../../web/src/api-client.ts';

const u = (code: string, name: string, parentCode: string | null, aliases: string[] = []): Unit => ({
  code,
  name,
  parentCode,
  headcount: 0,
  aliases,
});

const UNITS = [
  u('UBND', 'Ủy ban nhân dân tỉnh', null),
  u('SXD', 'Sở Xây dựng', 'UBND'),
  u('SXD-VP', 'Văn phòng Sở', 'SXD'),
  u('SXD-TTKD', 'Trung tâm Kiểm định chất lượng công trình xây dựng', 'SXD'),
  u('STTTT', 'Sở Thông tin và Truyền thông', 'UBND', ['Sở TT&TT']),
  u('STTTT-VP', 'Văn phòng Sở', 'STTTT'),
  u('SGD', 'Sở Giáo dục và Đào tạo', 'UBND'),
];
const entries = unitEntries(UNITS);
const codes = (q: string, limit?: number) => findUnits(entries, q, limit).matches.map((e) => e.unit.code);

describe('unit search', () => {
  it('folds accents, đ and case', () => {
    expect(fold('Sở Xây dựng')).toBe('so xay dung');
    expect(fold('  Giáo   dục và ĐÀO tạo ')).toBe('giao duc va dao tao');
  });

  it('finds Sở Xây dựng from "so xay dung", names starting with the text first', () => {
    expect(codes('so xay dung')).toEqual(['SXD']);
    expect(codes('xay dung')).toEqual(['SXD', 'SXD-TTKD']);
    expect(codes('SỞ XÂY')).toEqual(['SXD']);
    expect(codes('dao tao')).toEqual(['SGD']);
  });

  it('finds by code (an exact code first) and by alias, every word anywhere', () => {
    expect(codes('sxd-vp')).toEqual(['SXD-VP']);
    expect(codes('stttt')[0]).toBe('STTTT');
    expect(codes('tt&tt')).toEqual(['STTTT']);
    expect(codes('van phong stttt')).toEqual(['STTTT-VP']);
    expect(codes('khong co')).toEqual([]);
  });

  it('gives each unit its place in the tree, and the tree from the top with nothing typed', () => {
    const vp = entries.find((e) => e.unit.code === 'STTTT-VP')!;
    expect(vp.path).toEqual(['Ủy ban nhân dân tỉnh', 'Sở Thông tin và Truyền thông']);
    expect(vp.depth).toBe(2);
    expect(codes('')).toEqual(['UBND', 'SXD', 'SXD-VP', 'SXD-TTKD', 'STTTT', 'STTTT-VP', 'SGD']);
  });

  it('counts every match but returns at most the limit, on 2,000 units quickly', () => {
    const many = [u('T', 'Tỉnh', null)];
    for (let i = 0; i < 40; i++) {
      many.push(u(`S${i}`, `Sở số ${i}`, 'T'));
      for (let j = 0; j < 49; j++) many.push(u(`S${i}-${j}`, `Phòng ${j} của Sở số ${i}`, `S${i}`));
    }
    const big = unitEntries(many);
    expect(big).toHaveLength(2001);
    const t0 = performance.now();
    const r = findUnits(big, 'phong', 50);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(r.total).toBe(1960);
    expect(r.matches).toHaveLength(50);
    expect(findUnits(big, 'so so 17', 50).matches[0].unit.code).toBe('S17');
  });
});
