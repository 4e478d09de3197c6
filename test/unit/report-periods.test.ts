import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  documentTemplate,
  monthsLabelVi,
  parseReportPeriodKey,
  periodKeyOf,
  reportPeriod,
  splitByTemplate,
  templateForMonth,
} from '../../domain/report-periods.ts';
import { ReportTemplateSchema } from '../../domain/schemas/report.ts';

const dir = path.join(import.meta.dirname, '../../data/report-templates');
const templates = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ReportTemplateSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))));

describe('report periods', () => {
  it('maps quarters, halves and years to months', () => {
    expect(reportPeriod(2020, { quarter: 2 })).toMatchObject({
      key: '2020-Q2',
      from: '2020-04',
      to: '2020-06',
      labelVi: 'Quý II năm 2020',
    });
    expect(reportPeriod(2020, { quarter: 4 }).months).toEqual(['2020-10', '2020-11', '2020-12']);
    expect(reportPeriod(2026, { half: 2 })).toMatchObject({
      key: '2026-H2',
      from: '2026-07',
      to: '2026-12',
      labelVi: '6 tháng cuối năm 2026',
    });
    expect(reportPeriod(2020).months).toHaveLength(12);
    expect(reportPeriod(2020).labelVi).toBe('Năm 2020');
    expect(() => reportPeriod(2020, { quarter: 5 })).toThrow();
    expect(() => reportPeriod(2020, { quarter: 1, half: 1 })).toThrow();
  });

  it('round-trips period keys', () => {
    for (const k of ['2020', '2020-Q1', '2020-Q4', '2026-H1', '2026-H2']) expect(parseReportPeriodKey(k).key).toBe(k);
    expect(() => parseReportPeriodKey('2020-Q5')).toThrow();
  });

  it('the templates are data, both valid, with no gap between them', () => {
    expect(templates.map((t) => t.id).sort()).toEqual(['thtk-2013', 'tklp-2025']);
    expect(templateForMonth(templates, '2026-06')?.id).toBe('thtk-2013');
    expect(templateForMonth(templates, '2026-07')?.id).toBe('tklp-2025');
    expect(templateForMonth(templates, '2020-01')?.title).toBe('BÁO CÁO KẾT QUẢ THỰC HÀNH TIẾT KIỆM, CHỐNG LÃNG PHÍ');
  });

  it('a period spanning 1 July 2026 splits into one section per template; the document uses the one at its end', () => {
    const sections = splitByTemplate(templates, reportPeriod(2026));
    expect(sections.map((s) => [s.template.id, s.from, s.to])).toEqual([
      ['thtk-2013', '2026-01', '2026-06'],
      ['tklp-2025', '2026-07', '2026-12'],
    ]);
    expect(documentTemplate(templates, reportPeriod(2026)).id).toBe('tklp-2025');
    expect(splitByTemplate(templates, reportPeriod(2026, { half: 1 })).map((s) => s.template.id)).toEqual([
      'thtk-2013',
    ]);
    expect(splitByTemplate(templates, reportPeriod(2026, { quarter: 3 })).map((s) => s.template.id)).toEqual([
      'tklp-2025',
    ]);
    expect(splitByTemplate(templates, reportPeriod(2020)).map((s) => s.template.id)).toEqual(['thtk-2013']);
  });

  it('labels a section by its months', () => {
    expect(monthsLabelVi('2026-01', '2026-06')).toBe('từ tháng 1 đến tháng 6 năm 2026');
    expect(monthsLabelVi('2026-07', '2026-07')).toBe('tháng 7 năm 2026');
  });

  it('names the period key of a section (the key its explanations are stored under)', () => {
    expect(periodKeyOf('2026-01', '2026-06')).toBe('2026-H1');
    expect(periodKeyOf('2026-07', '2026-12')).toBe('2026-H2');
    expect(periodKeyOf('2026-01', '2026-12')).toBe('2026');
    expect(periodKeyOf('2026-07', '2026-09')).toBe('2026-Q3');
    expect(periodKeyOf('2026-02', '2026-04')).toBeNull();
    expect(periodKeyOf('2025-07', '2026-06')).toBeNull();
  });
});
