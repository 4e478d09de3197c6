/**
 * The report and bloc views in chromium against the real server with the demo data: the 2020
 * report of the demo agency reads as published (sentence, numbers), downloads arrive as XLSX and
 * PDF, the year 2026 shows one section per law, and the demo bloc of seven shows its ranking.
 */
import { describe, expect, it } from 'vitest';
import { useDemoSession } from './helpers/session.ts';

const session = useDemoSession();
const open = () => session.open({ acceptDownloads: true });

describe('report and bloc views', () => {
  it('shows the 2020 report of the demo agency as published and offers XLSX and PDF', async () => {
    const d = await open();
    await d.goto('/report?unit=STTTT&year=2020');
    const view = d.page.locator('tk-report-view');
    const doc = view.locator('article.doc');
    await doc.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => doc.textContent())
      .toContain(
        'Năm 2020: văn phòng phẩm giảm 10%; cước điện thoại giảm 20%; các khoản chi phí khác giảm 5%; tiết kiệm điện đạt 15% so với định mức.',
      );
    const text = (await doc.textContent())!;
    for (const s of [
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BÁO CÁO',
      'Kết quả thực hành tiết kiệm, chống lãng phí năm 2020',
      'Nơi nhận:',
      'Nguyễn Văn An',
      '48.000.000',
      '43.200.000',
      '60.000',
      '51.000',
      '147.900.000',
    ])
      expect(text).toContain(s);
    for (const [label, type] of [
      ['Tải XLSX', 'spreadsheetml'],
      ['Tải PDF', 'application/pdf'],
      ['Tải DOCX', 'wordprocessingml'],
    ] as const) {
      const href = await view.locator('a.button', { hasText: label }).getAttribute('href');
      const res = await d.page.request.get(session.server.baseUrl + href!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }
    await d.screenshot('report-2020');

    // The register number: blank ("……") until typed; kept in the URL and in the downloads.
    expect(text).toContain('Số: ……/BC-STTTT');
    await view.locator('input#number').fill('15');
    await view.locator('input#number').dispatchEvent('change');
    await expect.poll(() => doc.textContent()).toContain('Số: 15/BC-STTTT');
    expect(d.page.url()).toContain('number=15');
    expect(await view.locator('a.button', { hasText: 'Tải DOCX' }).getAttribute('href')).toContain('number=15');
  }, 60_000);

  it('warns about every field nobody set, printed as a dotted blank', async () => {
    const d = await open();
    await d.goto('/report?unit=SXD&year=2025');
    const view = d.page.locator('tk-report-view');
    const warn = view.locator('.warn[role="status"]');
    await warn.waitFor({ timeout: 20_000 });
    const w = (await warn.textContent())!;
    expect(w).toContain('Chưa đặt tên cơ quan ban hành: in là "……" để điền tay.');
    expect(w).toContain('Chưa đặt họ và tên người ký');
    expect(await view.locator('article.doc .issuer').textContent()).toBe('……');
    // A member of the demo bloc: its yearly report carries the ranking.
    expect(await view.locator('article.doc section.ranking').textContent()).toContain('Khối thi đua');
  }, 60_000);

  it('gives the year 2026 first, then a section under each law', async () => {
    const d = await open();
    await d.goto('/report?unit=STTTT&year=2026');
    const sections = d.page.locator('tk-report-view article.doc section.legal');
    await expect.poll(() => sections.count(), { timeout: 20_000 }).toBe(2);
    expect(await sections.nth(0).textContent()).toContain('44/2013/QH13');
    expect(await sections.nth(1).textContent()).toContain('Luật Tiết kiệm, chống lãng phí năm 2025');
    const whole = d.page.locator('tk-report-view article.doc section.whole');
    expect(await whole.locator('h3').textContent()).toBe('Kết quả tiết kiệm, chống lãng phí cả năm 2026');
    // The whole year comes before the first law's section.
    const order = await d.page
      .locator('tk-report-view article.doc section')
      .evaluateAll((els) => els.map((e) => e.className));
    expect(order.slice(0, 3)).toEqual(['whole', 'legal', 'legal']);
  }, 60_000);

  it('shows the demo bloc of seven with its ranking, proposals and bands', async () => {
    const d = await open();
    await d.goto('/bloc?unit=STTTT&year=2025');
    const view = d.page.locator('tk-bloc-view');
    const rows = view.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(7);
    expect(await view.locator('li.proposal').first().textContent()).toContain('Đề nghị tặng Cờ thi đua: Sở Xây dựng');
    expect(await view.locator('ul.lines').first().textContent()).toContain('/7 đơn vị đạt từ 96 điểm trở lên');
    expect(await d.waitForCharts(view)).toBeGreaterThan(0);
    await d.screenshot('bloc-2025');

    // The secretary (administrator) enters a manual score; the ranking updates.
    const last = rows.filter({ hasText: 'Sở Công Thương' });
    const before = Number((await last.locator('td.num').first().textContent())!.replace(',', '.'));
    await last.locator('summary').click();
    await last.locator('input#score-SCT-organisation').fill('20');
    await last.locator('button[type="submit"]').click();
    await expect
      .poll(
        async () =>
          Number(
            (await rows.filter({ hasText: 'Sở Công Thương' }).locator('td.num').first().textContent())!.replace(
              ',',
              '.',
            ),
          ),
        { timeout: 15_000 },
      )
      .toBe(before + 4);
  }, 60_000);
});
