/**
 * E-invoices and hand values in chromium (issue 15): correcting a figure built from e-invoices in
 * the figures view shows the warning and stores nothing until the box is ticked; the invoice
 * upload preview (warnings and the box) fits a 375 px phone without sideways scrolling.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.ts';
import { PHONE, useDemoSession } from './helpers/session.ts';

const DIR = path.join(ROOT, 'test/fixtures/imports/einvoices');
const session = useDemoSession();

describe('e-invoices and hand values in chromium', () => {
  it('a hand correction of a figure built from invoices needs the box ticked', async () => {
    const d = await session.open();
    d.allowConsoleError(/status of 409/);
    // The demo's own invoices: the last closed month of STTTT-VP.
    const figs = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2026-01&to=2026-12&category=electricity')).body
      .figures as { period: string; amount: number }[];
    const last = figs.sort((a, b) => a.period.localeCompare(b.period)).at(-1)!;
    await d.goto(`/figures?unit=STTTT-VP&year=${last.period.slice(0, 4)}&category=electricity&period=${last.period}`);
    const view = d.view('figures');
    await view.locator('[data-testid=figure-invoices]').waitFor();
    await view.locator('#amount').fill('9.999.000');
    await view.locator('form button[type=submit]').click();
    const warnings = view.locator('[data-testid=figure-warnings]');
    await warnings.waitFor();
    expect(await warnings.locator('[data-code=hand_overwrites_invoices]').innerText()).toContain('hóa đơn điện tử');
    const save = view.locator('form button[type=submit]');
    expect(await save.isDisabled()).toBe(true);
    const now = async () =>
      (
        (
          await d.api(
            'GET',
            `/api/figures?unit=STTTT-VP&from=${last.period}&to=${last.period}&category=electricity&subtree=0`,
          )
        ).body.figures as { amount: number }[]
      )[0].amount;
    expect(await now()).toBe(last.amount);
    await view.locator('[data-testid=figure-accept-warnings]').check();
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await view.locator('p.msg.notice').waitFor();
    expect(await now()).toBe(9_999_000);
    await d.screenshot('einvoices-hand-edit-desktop');
  });

  it('the invoice upload preview, its warnings and the box fit a phone screen', async () => {
    const d = await session.open({ viewport: PHONE });
    await d.goto('/upload');
    const upload = d.view('upload');
    await upload.locator('select#kind').selectOption('invoice-accounts');
    await upload.locator('input#file').setInputFiles(path.join(DIR, 'accounts.csv'));
    await upload.locator('[data-testid=preview]').waitFor();
    await upload.locator('[data-testid=confirm]').click();
    await upload.locator('[data-testid=stored]').waitFor();
    await upload.locator('select#kind').selectOption('invoices');
    await upload.locator('input#invoice-files').setInputFiles(path.join(DIR, 'einvoices-2026-10.zip'));
    const preview = upload.locator('[data-testid=invoice-preview]');
    await preview.waitFor();
    await preview.locator('[data-testid=invoice-warnings]').waitFor();
    const box = await preview.locator('[data-testid=invoice-accept-warnings]').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    const confirm = await preview.locator('[data-testid=invoice-confirm]').boundingBox();
    expect(confirm && confirm.x >= 0 && confirm.x + confirm.width <= PHONE.width).toBe(true);
    const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await d.screenshot('einvoices-preview-phone');
  });
});
