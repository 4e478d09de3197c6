/**
 * The confirmation path of plausibility warnings in chromium (issue 12): a figure 2,000× below
 * its unit's median is listed in the preview with both numbers and why; "Xác nhận lưu" stays
 * disabled until the box is ticked; then it is stored, and the import record and the audit trail
 * say who confirmed which warnings. axe-core finds no violation in the preview.
 */
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.ts';
import { PHONE, useDemoSession } from './helpers/session.ts';

const FILE = path.join(ROOT, 'test/fixtures/browser/figures-warnings.csv');
const session = useDemoSession();

/** axe-core's violations inside the upload view (the app shell is other tests' concern). */
async function axeViolations(page: import('playwright-core').Page): Promise<{ id: string; targets: string[] }[]> {
  const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the devtools protocol: the page's CSP (script-src 'self') stays as it is.
  await page.evaluate(source);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }))
      .map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes('tk-upload-view')) }))
      .filter((v) => v.targets.length > 0);
  });
}

describe('upload warnings in chromium', () => {
  // First: the next test stores the file, and a figure uploaded again as stored is history with
  // no warning to confirm (server/imports/plausibility.ts), so after it this upload would show no warnings.
  it('the warnings and the box fit a phone screen', async () => {
    const d = await session.open({ viewport: PHONE });
    await d.goto('/upload');
    await d.chooseUploadFile(FILE);
    const preview = d.view('upload').locator('[data-testid=preview]');
    await preview.locator('[data-testid=warnings]').waitFor();
    const box = await preview.locator('[data-testid=accept-warnings]').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await d.screenshot('upload-warnings-phone');
  });

  it('lists the warnings, stores only once the box is ticked, and records who confirmed', async () => {
    const d = await session.open();
    const before = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-06&to=2025-06&category=stationery')).body
      .figures[0].amount as number;
    await d.goto('/upload');
    await d.chooseUploadFile(FILE);
    const preview = d.view('upload').locator('[data-testid=preview]');
    await preview.waitFor();
    const rows = preview.locator('[data-testid=warnings] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    const median = preview.locator('[data-testid=warnings] tr[data-code=below_median]');
    const text = await median.innerText();
    expect(text).toContain('690 đ');
    expect(text).toContain('trung vị');
    expect(text).toMatch(/\b2\b/); // the row number, as Excel numbers it
    const confirm = preview.locator('[data-testid=confirm]');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await axeViolations(d.page)).toEqual([]);
    await d.screenshot('upload-warnings-desktop');

    // English words the same warning from its code and params.
    await d.switchLanguage('en');
    expect(await median.innerText()).toContain('median of the last');
    await d.switchLanguage('vi');

    // Nothing stored yet.
    expect(
      (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-06&to=2025-06&category=stationery')).body.figures[0]
        .amount,
    ).toBe(before);
    await preview.locator('[data-testid=accept-warnings]').check();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    const stored = d.view('upload').locator('[data-testid=stored]');
    await stored.waitFor();
    expect(await stored.innerText()).toMatch(/Đã xác nhận \d+ cảnh báo/);
    expect(
      (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-06&to=2025-06&category=stationery')).body.figures[0]
        .amount,
    ).toBe(690);

    const list = (await d.api('GET', '/api/imports?limit=1')).body.imports[0] as { id: number };
    const report = (await d.api('GET', `/api/imports/${list.id}`)).body as {
      status: string;
      warningsAcceptedBy: string;
      warnings: { code: string; row: number }[];
    };
    expect(report).toMatchObject({ status: 'stored', warningsAcceptedBy: 'admin@demo.tietkiem.vn' });
    expect(report.warnings).toContainEqual(expect.objectContaining({ code: 'below_median', row: 2 }));
    const audit = (await d.api('GET', `/api/audit?entityType=import&entityKey=${list.id}`)).body as {
      entries: { action: string; actor: string; after: { warningsAcceptedBy: string; warnings: unknown[] } }[];
    };
    expect(audit.entries[0]).toMatchObject({
      action: 'figures.import',
      actor: 'admin@demo.tietkiem.vn',
      after: { warningsAcceptedBy: 'admin@demo.tietkiem.vn' },
    });
    expect(audit.entries[0].after.warnings.length).toBe(report.warnings.length);
  });
});
