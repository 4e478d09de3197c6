import { describe, expect, it } from 'vitest';
import { renderSummary, summaryContent, dashboardLink } from '../../server/emails/render.ts';
import { contentHash, messageIdFor, mailDomain } from '../../server/emails/message-id.ts';
import type { CategoryResult, ResultsResponse } from '../../domain/schemas/results.ts';
import { monthsOfYear } from '../../domain/months.ts';

/** The worked example of docs/domain.md, month by month: STTTT 2020 against 2019 and a 5,000 kWh norm. */
function workedExample(through = '2020-12', notSubmitted: { code: string; name: string }[] = []): ResultsResponse {
  const months = monthsOfYear(2020, through);
  const cat = (
    code: string,
    nameVi: string,
    nameEn: string,
    basis: 'norm' | 'previous_year',
    measure: 'amount' | 'quantity',
    target: number,
    base: number,
    act: number,
    baseAmt: number | null,
    actAmt: number,
    unit: string | null,
  ): CategoryResult => {
    const red = Math.round(((base - act) / base) * 1000) / 10;
    const n = months.length;
    return {
      code,
      nameVi,
      nameEn,
      basis,
      measure,
      quantityUnit: unit,
      target,
      months: months.map((period) => ({
        period,
        status: 'submitted' as const,
        actual: act,
        baseline: base,
        saved: base - act,
        reduction: red,
        met: red >= target,
        actualAmount: actAmt,
        baselineAmount: baseAmt,
      })),
      ytd: {
        monthsSubmitted: n,
        monthsInRange: n,
        actual: act * n,
        baseline: base * n,
        saved: (base - act) * n,
        reduction: red,
        met: red >= target,
        actualAmount: actAmt * n,
        baselineAmount: baseAmt == null ? null : baseAmt * n,
      },
      outlook: null,
    };
  };
  const coverage = months.map((p) => {
    const missing = p === through ? notSubmitted.length : 0;
    return { period: p, expected: 1 + missing, submitted: 1, complete: missing === 0 };
  });
  return {
    unit: { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' },
    year: 2020,
    through,
    months: coverage,
    provisional: coverage.some((c) => !c.complete),
    categories: [
      cat(
        'stationery',
        'Văn phòng phẩm',
        'Stationery',
        'previous_year',
        'amount',
        10,
        4_000_000,
        3_600_000,
        4_000_000,
        3_600_000,
        null,
      ),
      cat(
        'phone',
        'Cước điện thoại',
        'Phone charges',
        'previous_year',
        'amount',
        20,
        2_500_000,
        2_000_000,
        2_500_000,
        2_000_000,
        null,
      ),
      cat('electricity', 'Điện', 'Electricity', 'norm', 'quantity', 15, 5000, 4250, null, 8_500_000, 'kWh'),
      cat(
        'other',
        'Chi phí khác',
        'Other costs',
        'previous_year',
        'amount',
        5,
        10_000_000,
        9_500_000,
        10_000_000,
        9_500_000,
        null,
      ),
    ],
    sentence: {
      vi: 'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
      en: '2020: stationery down 10%; phone charges down 20%; other costs down 5%; electricity 15% below the norm.',
    },
    submission: { period: through, submitted: [], notSubmitted },
  };
}

const base = { period: '2020-12', kind: 'summary' as const, baseUrl: 'https://tk.example.gov.vn/' };

describe('summary email rendering', () => {
  it('writes the Vietnamese subject, numbers and verdicts of the worked example', () => {
    const m = renderSummary({ ...base, results: workedExample(), lang: 'vi', recipientName: 'Nguyễn Văn An' });
    expect(m.subject).toBe('[Tiết kiệm] Tổng hợp tháng 12/2020 — Sở Thông tin và Truyền thông');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('3.600.000 đ');
      expect(part).toContain('4.000.000 đ');
      expect(part).toContain('43.200.000 đ'); // stationery, year to date
      expect(part).toContain('48.000.000 đ');
      expect(part).toContain('giảm 10,0%');
      expect(part).toContain('chỉ tiêu: giảm 10,0%');
      expect(part).toContain('giảm 20,0%');
      expect(part).toContain('51.000 kWh');
      expect(part).toContain('60.000 kWh');
      expect(part).toContain('102.000.000 đ'); // electricity đồng beside the kWh
      expect(part.toLowerCase()).toContain('định mức');
      expect(part).toContain('Đạt');
      expect(part).toContain('tiết kiệm điện đạt 15% so với định mức');
      expect(part).toContain('Tất cả đơn vị đã nộp số liệu tháng 12/2020.');
    }
    expect(m.text).toContain('Kính gửi Nguyễn Văn An,');
    expect(m.text).toContain('https://tk.example.gov.vn/overview?unit=STTTT&year=2020');
    expect(m.html).toContain('href="https://tk.example.gov.vn/overview?unit=STTTT&amp;year=2020"');
  });

  it('says per category what is still allowed to the end of the year (the outlook)', () => {
    const r = workedExample('2020-06');
    r.categories[0].outlook = {
      allowance: 22_200_000,
      perMonth: 3_700_000,
      projected: 12.5,
      baselineYear: 48_000_000,
      projectedYear: 42_000_000,
      remainingMonths: 6,
      from: '2020-07',
    };
    r.categories[2].outlook = {
      allowance: 39_000,
      perMonth: 4_333.333,
      projected: 20,
      baselineYear: 60_000,
      projectedYear: 48_000,
      remainingMonths: 9,
      from: '2020-07',
    };
    const vi = renderSummary({ ...base, period: '2020-06', results: r, lang: 'vi' });
    const sentence =
      'Dự báo cuối năm: Để đạt chỉ tiêu 10%, từ tháng 7 đến hết năm chi tối đa 22.200.000 đ (3.700.000 đ/tháng); theo đà hiện tại cả năm giảm 12,5%.';
    expect(vi.text).toContain(sentence);
    expect(vi.html).toContain('<strong>Dự báo cuối năm:</strong> Để đạt chỉ tiêu 10%, từ tháng 7');
    expect(vi.text).toContain('dùng tối đa 39.000 kWh (4.333,333 kWh/tháng); theo đà hiện tại cả năm giảm 20,0%');
    const en = renderSummary({ ...base, period: '2020-06', results: r, lang: 'en' });
    expect(en.text).toContain(
      'Year-end outlook: To meet the 10% target, spend at most 22,200,000 đ from July to the end of the year (3,700,000 đ a month); at the current pace the year ends down 12.5%.',
    );
    // A projection, not a reported figure: it does not change the content a correction is judged by.
    const without = workedExample('2020-06');
    expect(contentHash(summaryContent(r, '2020-06'))).toBe(contentHash(summaryContent(without, '2020-06')));
  });

  it('is HTML for phone mail clients: no scripts, no images, 600px, escaped names', () => {
    const r = workedExample('2020-12', [{ code: 'X', name: 'Phòng <Thử> & "Nghiệm"' }]);
    const m = renderSummary({ ...base, results: r, lang: 'vi' });
    expect(m.html).not.toMatch(/<script|<img|<link|url\(/i);
    expect(m.html).toContain('max-width:600px');
    expect(m.html).toContain('Phòng &lt;Thử&gt; &amp; &quot;Nghiệm&quot;');
    expect(m.html).toContain('Đơn vị chưa nộp số liệu tháng 12/2020');
    expect(m.text).toContain('Đơn vị chưa nộp số liệu tháng 12/2020: Phòng <Thử> & "Nghiệm".');
  });

  it('shows a month with no figure as not submitted and an unknown baseline as unknown, never 0%', () => {
    const r = workedExample('2020-12');
    r.categories[0].months[11] = {
      ...r.categories[0].months[11],
      status: 'not_submitted',
      actual: null,
      saved: null,
      reduction: null,
      met: null,
      actualAmount: null,
    };
    r.categories[1].months[11] = {
      ...r.categories[1].months[11],
      baseline: null,
      saved: null,
      reduction: null,
      met: null,
      baselineAmount: null,
    };
    const m = renderSummary({ ...base, results: r, lang: 'vi' });
    expect(m.text).toMatch(/VĂN PHÒNG PHẨM\n {2}Tháng 12\/2020: Chưa nộp số liệu/);
    expect(m.text).toMatch(
      /CƯỚC ĐIỆN THOẠI\n {2}Tháng 12\/2020: .*chưa xác định \(chưa có mức so sánh\).*— Chưa xác định/,
    );
    expect(m.text).not.toMatch(/[^0-9]0,0%/);
  });

  it('says overspending as an increase and not met', () => {
    const r = workedExample();
    Object.assign(r.categories[3].months[11], { actual: 11_000_000, saved: -1_000_000, reduction: -10, met: false });
    const m = renderSummary({ ...base, results: r, lang: 'vi' });
    expect(m.text).toMatch(
      /CHI PHÍ KHÁC\n {2}Tháng 12\/2020: thực chi 11\.000\.000 đ; .*tăng 10,0% \(chỉ tiêu: giảm 5,0%\) — Chưa đạt/,
    );
  });

  it('writes English when lang=en and marks corrections clearly', () => {
    const en = renderSummary({ ...base, results: workedExample(), lang: 'en' });
    expect(en.subject).toBe('[Tiết kiệm] Monthly summary December 2020 — Sở Thông tin và Truyền thông');
    expect(en.text).toContain('43,200,000 VND');
    expect(en.text).toContain('down 10.0%');
    expect(en.html).toContain('lang="en"');
    const corr = renderSummary({ ...base, results: workedExample(), lang: 'vi', kind: 'correction' });
    expect(corr.subject).toBe('[Tiết kiệm] ĐÍNH CHÍNH: Tổng hợp tháng 12/2020 — Sở Thông tin và Truyền thông');
    expect(corr.text).toContain('ĐÍNH CHÍNH');
    expect(corr.html).toContain('ĐÍNH CHÍNH');
  });

  it('hashes the numbers, not the wording, and derives stable Message-IDs', () => {
    const a = contentHash(summaryContent(workedExample(), '2020-12'));
    expect(contentHash(summaryContent(workedExample(), '2020-12'))).toBe(a);
    const changed = workedExample();
    changed.categories[0].months[11].actual = 3_500_000;
    expect(contentHash(summaryContent(changed, '2020-12'))).not.toBe(a);
    const key = { recipientId: 7, unitCode: 'STTTT', period: '2020-12', kind: 'summary' as const, version: 1 };
    expect(messageIdFor(key, 'so.gov.vn')).toBe(messageIdFor({ ...key }, 'so.gov.vn'));
    expect(messageIdFor(key, 'so.gov.vn')).not.toBe(messageIdFor({ ...key, version: 2 }, 'so.gov.vn'));
    expect(messageIdFor(key, 'so.gov.vn')).toMatch(/^<tk\.2020-12\.summary\.1\.[0-9a-f]{20}@so\.gov\.vn>$/);
    expect(mailDomain('Tiết Kiệm <tietkiem@stttt.example.gov.vn>')).toBe('stttt.example.gov.vn');
    expect(dashboardLink('http://x/', 'A B', '2026-10')).toBe('http://x/overview?unit=A%20B&year=2026');
  });
});
