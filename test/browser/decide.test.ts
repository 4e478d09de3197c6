/**
 * Issue 14's Tests section in chromium, on the demo agency's worked example (STTTT, 2020): the
 * target read from the chart's dataset labels and data table; drill-down followed link by link
 * (overview card → category trends → the month's figures, unit and year kept in the URL, the
 * month's figures adding up to the chart's value); a month link without a year (?month=); every
 * export read back from the downloaded file (CSV with Vietnamese headings and vi-VN numbers, XLSX,
 * PNG).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { useDemoSession } from './helpers/session.ts';
import type { DashboardPage } from './helpers/dashboard-page.ts';

const session = useDemoSession();

async function download(
  d: DashboardPage,
  button: ReturnType<DashboardPage['view']>,
): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([d.page.waitForEvent('download'), button.click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('a dashboard to decide with', () => {
  it('drills from the overview card to the category trends, then to the month’s figures, keeping unit and year', async () => {
    const d = await session.open({ acceptDownloads: true });
    d.page.setDefaultTimeout(10_000);
    await d.goto('/overview?unit=STTTT&year=2020');
    // The target on the progress bar: the marker and the words.
    const bar = d.card('stationery').locator('[role=progressbar]');
    expect(await bar.getAttribute('aria-valuetext')).toContain('10,0%');
    expect(await d.card('stationery').locator('tk-progress .marker').count()).toBe(1);

    await d.card('stationery').locator('h2 a').click();
    await expect.poll(() => new URL(d.page.url()).pathname).toBe('/trends');
    const q = new URL(d.page.url()).searchParams;
    expect([q.get('unit'), q.get('year'), q.get('category')]).toEqual(['STTTT', '2020', 'stationery']);
    const trends = d.view('trends');
    await d.waitForCharts(trends);
    const section = trends.locator('section[data-category=stationery]');

    // The target is drawn: a dataset of the chart and a column of its data table.
    const labels = await section
      .locator('tk-chart')
      .evaluate((el) => (el as unknown as { datasetLabels: string[] }).datasetLabels);
    expect(labels.some((l) => l.startsWith('Chỉ tiêu'))).toBe(true);
    await section.locator('details summary').click();
    const march = section.locator('[data-testid=trends-table] tbody tr').nth(2);
    expect(await march.locator('td[data-col=target]').innerText()).toBe('10,0%');
    const actual = (await march.locator('td').first().innerText()).trim();
    expect(actual).toMatch(/^\d{1,3}(\.\d{3})+ đ$/);

    // Export of this chart: the file holds the table's numbers.
    const exportBar = section.locator('tk-export-buttons');
    const csv = await download(d, exportBar.locator('button[data-format=csv]'));
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Tháng');
    expect(lines.find((l) => l.includes('3/2020'))).toContain(actual.replace(' đ', ''));
    const xlsx = await download(d, exportBar.locator('button[data-format=xlsx]'));
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const sheet = unzipSync(new Uint8Array(xlsx.bytes));
    const strings = Object.entries(sheet)
      .filter(([n]) => n.startsWith('xl/'))
      .map(([, b]) => strFromU8(b))
      .join('\n');
    expect(strings).toContain('Tháng');
    const png = await download(d, exportBar.locator('button[data-format=png]'));
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(5_000);

    // March's link: the month's figures of the subtree, adding up to the chart's value.
    await march.locator('th a').click();
    await expect.poll(() => new URL(d.page.url()).pathname).toBe('/figures');
    const f = new URL(d.page.url()).searchParams;
    expect([f.get('unit'), f.get('year'), f.get('period'), f.get('category')]).toEqual([
      'STTTT',
      '2020',
      '2020-03',
      'stationery',
    ]);
    const month = d.view('figures').locator('[data-testid=month-figures]');
    await month.waitFor();
    expect((await month.locator('[data-testid=total-amount]').innerText()).trim()).toBe(actual);
  }, 90_000);

  it('a month link without a year (?month=YYYY-MM) opens that month in its year', async () => {
    const d = await session.open();
    d.page.setDefaultTimeout(10_000);
    await d.goto('/figures?unit=STTTT&month=2020-03&category=stationery');
    await expect.poll(() => new URL(d.page.url()).searchParams.get('year')).toBe('2020');
    const month = d.view('figures').locator('[data-testid=month-figures]');
    await month.waitFor();
    expect(await month.innerText()).toContain('3/2020');
  }, 60_000);
});
