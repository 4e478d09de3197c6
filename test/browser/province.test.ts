/**
 * Province scale (issue 14, point 11) in chromium: the demo agency grows by a generated tree of
 * 2,000 units (40 divisions under STTTT, 49 offices under each), uploaded as a units file like an
 * administrator would. The unit picker finds a unit by typing part of its name or code, accents
 * ignored (`so xay dung` finds Sở Xây dựng), shows where it sits in the tree and works by
 * keyboard alone; units side by side stays readable with 45 sub-units (the top and bottom ten
 * drawn, the rest in the table); axe finds nothing serious with the list open; nothing scrolls
 * sideways on a phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.ts';
import { PHONE, useDemoSession } from './helpers/session.ts';
import type { DashboardPage } from './helpers/dashboard-page.ts';

// The demo's last closed month is June 2026: its figures run through 2026-06.
const session = useDemoSession({ CLOCK_START: '2026-07-10T10:00:00+07:00' });
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const DIVISIONS = [
  'Sở Xây dựng',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
];
const divisionName = (i: number) => (i < DIVISIONS.length ? DIVISIONS[i] : `Chi cục Quản lý số ${i}`);
const divisionCode = (i: number) => `P${String(i).padStart(2, '0')}`;

function unitsCsv(): string {
  const lines = ['Mã đơn vị,Tên đơn vị,Đơn vị cấp trên,Biên chế'];
  for (let i = 0; i < 40; i++) {
    lines.push(`${divisionCode(i)},"${divisionName(i)}",STTTT,20`);
    for (let j = 0; j < 49; j++) {
      lines.push(`${divisionCode(i)}-${j},"Phòng Đối ngoại ${j} – ${divisionName(i)}",${divisionCode(i)},3`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Stationery of the 40 divisions, 2025-01 … 2026-06: in 2026 Sở Xây dựng spends 40% more, division i (i − 10)% less. */
function figuresCsv(): string {
  const lines = ['Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú'];
  for (let i = 0; i < 40; i++) {
    for (let m = 1; m <= 12; m++)
      lines.push(`${divisionCode(i)},2025-${String(m).padStart(2, '0')},Văn phòng phẩm,2000000,,`);
    for (let m = 1; m <= 6; m++)
      lines.push(
        `${divisionCode(i)},2026-${String(m).padStart(2, '0')},Văn phòng phẩm,${i === 0 ? 2800000 : 2000000 - 20000 * (i - 10)},,`,
      );
  }
  return lines.join('\n') + '\n';
}

async function upload(d: DashboardPage, kind: string, name: string, csv: string) {
  const r = await d.page.request.post(`${session.server.baseUrl}/api/imports`, {
    headers: { origin: session.server.baseUrl, 'sec-fetch-site': 'same-origin' },
    multipart: {
      file: { name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') },
      kind,
      acceptWarnings: '1',
    },
  });
  expect(r.status(), await r.text()).toBe(200);
}

async function seriousAxe(d: DashboardPage): Promise<string[]> {
  await d.page.evaluate(AXE);
  return d.page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    );
    return (r.violations as Array<{ id: string; impact: string | null }>)
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} ${v.impact}`);
  });
}

let loaded = false;
async function province(d: DashboardPage) {
  if (loaded) return;
  const before = ((await d.api('GET', '/api/units')).body.units as unknown[]).length;
  await upload(d, 'units', 'don-vi-tinh.csv', unitsCsv());
  await upload(d, 'figures', 'vpp-2025-2026.csv', figuresCsv());
  loaded = true;
  const units = (await d.api('GET', '/api/units')).body.units as unknown[];
  expect(units.length - before).toBe(2000);
}

describe('a province of 2,000 units', () => {
  it('finds Sở Xây dựng by typing "so xay dung", shows where it sits, and picks it by keyboard', async () => {
    const d = await session.open();
    await province(d);
    await d.goto('/overview?unit=STTTT&year=2026');
    const box = d.unitBox();
    await box.focus();
    const t0 = Date.now();
    await d.page.keyboard.type('so xay dung');
    const options = d.page.locator('tk-unit-picker li[role=option]');
    // Two units are called Sở Xây dựng: the demo bloc's (SXD, a tree of its own) and division P00
    // under STTTT. Both come first (their names start so), told apart by their place in the tree.
    await expect.poll(() => options.nth(1).getAttribute('data-code')).toBeTruthy();
    const typedMs = Date.now() - t0;
    console.log(`typing "so xay dung" to the matches: ${typedMs} ms`);
    const firstTwo = await options.evaluateAll((os) => os.slice(0, 2).map((o) => o.getAttribute('data-code')));
    expect([...firstTwo].sort()).toEqual(['P00', 'SXD']);
    const ours = firstTwo.indexOf('P00');
    expect(await options.nth(ours).innerText()).toContain('Sở Thông tin và Truyền thông');
    expect(await options.nth(ours).innerText()).toContain('Sở Xây dựng');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    // Then the 49 offices of P00, whose names carry its name: 51 matches, 50 listed.
    expect(await options.count()).toBe(50);
    expect(await d.page.locator('tk-unit-picker [role=status]').innerText()).toBe('51 đơn vị khớp');
    expect(await d.page.locator('tk-unit-picker li.note').innerText()).toBe('và 1 đơn vị khác: gõ thêm để thu hẹp');
    for (let i = 0; i < ours; i++) await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('Enter');
    await expect.poll(() => new URL(d.page.url()).searchParams.get('unit')).toBe('P00');
    expect(await box.inputValue()).toBe('Sở Xây dựng');
    expect(await d.page.locator('tk-unit-picker [data-testid=unit-where]').innerText()).toContain(
      'Thuộc: Sở Thông tin và Truyền thông',
    );

    // An office three levels down by part of its code, then ↓ ↓ Enter: the third match.
    await box.focus();
    await d.page.keyboard.type('p17-4');
    await expect.poll(() => options.count()).toBe(10); // P17-4 (the exact code first), P17-40 … P17-48
    const third = await options.nth(2).getAttribute('data-code');
    await d.page.keyboard.press('ArrowDown');
    await d.page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('unit-opt-2');
    expect(await options.nth(2).getAttribute('aria-selected')).toBe('true');
    await d.page.keyboard.press('Enter');
    await expect.poll(() => new URL(d.page.url()).searchParams.get('unit')).toBe(third);
    expect(await d.page.locator('tk-unit-picker [data-testid=unit-where]').innerText()).toContain(
      'Sở Thông tin và Truyền thông › Chi cục Quản lý số 17',
    );

    // Escape puts back the chosen unit; nothing typed matches: said in words.
    await box.focus();
    await d.page.keyboard.type('không có đơn vị này');
    expect(await d.page.locator('tk-unit-picker li.note').innerText()).toContain('Không có đơn vị nào khớp');
    await d.page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toContain('Phòng Đối ngoại');
    expect(new URL(d.page.url()).searchParams.get('unit')).toBe(third);

    // With the list open, axe finds nothing serious (combobox, listbox, options named).
    await box.focus();
    await d.page.keyboard.type('phong doi ngoai');
    await options.first().waitFor();
    expect(await seriousAxe(d)).toEqual([]);
  }, 120_000);

  it('units side by side with 45 sub-units: the top and bottom ten drawn, every unit in the table', async () => {
    const d = await session.open();
    await province(d);
    await d.goto('/compare?unit=STTTT&year=2026&category=stationery');
    const view = d.view('compare');
    await d.waitForCharts(view);
    expect(await view.locator('[data-testid=compare-table] tbody tr').count()).toBe(45);
    expect(await view.locator('[data-testid=chart-trimmed]').innerText()).toContain('Có 45 đơn vị trực thuộc');
    const drawn = await view.locator('tk-chart#compare-chart').evaluate((el) => {
      const c = (el as unknown as { config: { data: { labels: string[]; datasets: Array<{ data: unknown[] }> } } })
        .config;
      return { labels: c.data.labels, values: c.data.datasets[0].data };
    });
    expect(drawn.labels).toHaveLength(21);
    expect(drawn.labels[10]).toBe('… 25 đơn vị khác: xem bảng');
    // Division 39 spends 29% less, Sở Xây dựng 40% more: the two ends of the chart.
    expect(drawn.labels[0]).toBe('Chi cục Quản lý số 39');
    expect(drawn.values[0]).toBeCloseTo(29, 0);
    expect(drawn.labels[20]).toBe('Sở Xây dựng');
    expect(drawn.values[20]).toBeCloseTo(-40, 0);
    expect(await d.horizontalOverflow()).toBe(0);

    const phone = await session.open({ viewport: PHONE });
    await phone.goto('/compare?unit=STTTT&year=2026&category=stationery');
    await phone.waitForCharts(phone.view('compare'));
    expect(await phone.horizontalOverflow()).toBe(0);
    await phone.screenshot('compare-province-phone');
  }, 120_000);
});
