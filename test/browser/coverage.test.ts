/**
 * Issue 13 in chromium: the demo agency with the server's clock on 1 December 2026 and on a day in
 * June (CLOCK_START), when two of the Department's five divisions have not sent the last ended
 * month. The overview, trends, compare, figures and report views say "tạm tính" with the coverage;
 * trends mark the incomplete month in the chart's legend and table; the whole year comes first in
 * the report; an empty year says "chưa có số liệu", never that everyone submitted.
 */
import { describe, expect, it } from 'vitest';
import { useDemoSession } from './helpers/session.ts';
import type { DashboardPage } from './helpers/dashboard-page.ts';

async function expectProvisional(d: DashboardPage, view: string, text: string) {
  const note = d.view(view).locator('[data-testid=provisional]').first();
  await note.waitFor({ timeout: 20_000 });
  expect(await note.innerText()).toContain(text);
}

async function trendsMarkIncomplete(d: DashboardPage, period: string, coverage: string) {
  await d.goto('/trends?unit=STTTT&year=2026&category=stationery');
  await expectProvisional(d, 'trends', `Tạm tính — ${coverage}`);
  const card = d.view('trends').locator('section[data-category=stationery]');
  await d.waitForCharts(card);
  expect(await card.locator('[data-testid=incomplete-legend]').innerText()).toContain('gạch chéo');
  const marks = card.locator('[data-testid=point-provisional]');
  expect(await marks.count()).toBe(1);
  expect(await card.locator(`tr[data-key="${period}"] [data-testid=point-provisional]`).textContent()).toContain(
    coverage,
  );
}

describe('1 December 2026', () => {
  const session = useDemoSession({ CLOCK_START: '2026-12-01T09:00:00+07:00' });

  it('the overview says November is tạm tính with 3 of 5 divisions; 2023 has no data', async () => {
    const d = await session.open();
    await d.goto('/overview?unit=STTTT&year=2026');
    await expectProvisional(d, 'overview', 'Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp');
    // Shadow roots: getByText pierces them where innerText does not.
    const overview = d.view('overview');
    expect(await overview.getByText('Lũy kế đến Tháng 11/2026').count()).toBeGreaterThan(0);
    expect(await overview.getByText('Tháng 12/2026').count()).toBe(0);
    expect(await d.card('stationery').innerText()).toContain('tạm tính');
    await d.screenshot('coverage-overview-2026-12-01');

    await d.goto('/overview?unit=STTTT&year=2023');
    const empty = d.view('overview').locator('[data-testid=empty]');
    await empty.waitFor({ timeout: 20_000 });
    expect(await empty.innerText()).toContain('Năm 2023: chưa có số liệu.');
    expect(await d.view('overview').getByText('Tất cả đơn vị đã nộp').count()).toBe(0);
    // The other views of that year say so too.
    for (const [view, path, testid, text] of [
      ['trends', '/trends?unit=STTTT&year=2023', 'empty', 'Chưa có số liệu năm 2023.'],
      ['compare', '/compare?unit=STTTT&year=2023', 'empty', 'Năm 2023: chưa có số liệu.'],
      ['figures', '/figures?unit=STTTT&year=2023', 'no-data', 'Năm 2023: chưa có số liệu.'],
    ]) {
      await d.goto(path);
      const el = d.view(view).locator(`[data-testid=${testid}]`).first();
      await el.waitFor({ timeout: 20_000 });
      expect(await el.innerText()).toContain(text);
    }
  }, 90_000);

  it('trends draw November apart, with its coverage', async () => {
    const d = await session.open();
    await trendsMarkIncomplete(d, '2026-11', 'Tháng 11/2026: 3/5 đơn vị đã nộp');
    await d.screenshot('coverage-trends-2026-12-01');
  }, 90_000);

  it('compare, figures and the report say tạm tính with the coverage', async () => {
    const d = await session.open();
    await d.goto('/compare?unit=STTTT&year=2026');
    await expectProvisional(d, 'compare', 'Tháng 11/2026: 3/5 đơn vị đã nộp');
    await d.goto('/figures?unit=STTTT&year=2026');
    await expectProvisional(d, 'figures', 'Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp');

    await d.goto('/report?unit=STTTT&year=2026');
    const doc = d.page.locator('tk-report-view article.doc');
    await doc.waitFor({ timeout: 20_000 });
    await expect.poll(() => doc.innerText()).toContain('Tạm tính — Tháng 11/2026: 3/5 đơn vị đã nộp.');
    const text = await doc.innerText();
    expect(text).toContain('Chưa đạt (tạm tính)');
    expect(text).not.toMatch(/không đạt/i);
    expect(text.indexOf('Kết quả tiết kiệm, chống lãng phí cả năm 2026')).toBeLessThan(
      text.indexOf('Căn cứ Luật Thực hành tiết kiệm'),
    );
    // Asked per section: electricity missed in the second half only.
    expect(text).toContain('Điện (từ tháng 7 đến tháng 12 năm 2026)');
  }, 90_000);
});

describe('a day in June 2026', () => {
  const session = useDemoSession({ CLOCK_START: '2026-06-10T09:00:00+07:00' });

  it('overview and trends say May is tạm tính with 3 of 5 divisions', async () => {
    const d = await session.open();
    await d.goto('/overview?unit=STTTT&year=2026');
    await expectProvisional(d, 'overview', 'Tạm tính — Tháng 5/2026: 3/5 đơn vị đã nộp');
    expect(await d.view('overview').getByText('Lũy kế đến Tháng 5/2026').count()).toBeGreaterThan(0);
    expect(await d.view('overview').getByText('Tháng 6/2026').count()).toBe(0);
    await trendsMarkIncomplete(d, '2026-05', 'Tháng 5/2026: 3/5 đơn vị đã nộp');
  }, 90_000);
});
