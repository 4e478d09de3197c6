/**
 * E-invoices in chromium (issue 15): the invoice accounts are uploaded from the upload view, the
 * sample month's ZIP is dropped on it, the preview lists the invoices read (new, skipped PDF),
 * the figures that change old → new and the hand-entered figures the invoices would overwrite as
 * warnings to confirm; once confirmed the figures are stored and the invoices behind
 * STTTT-TTCNTT's October electricity open in the figures view with their seller, date, amount and
 * signature presence. The settings view lists and edits the invoice accounts. axe-core finds no
 * violation in the upload view's preview.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT } from './helpers/build.ts';
import { PHONE, useDemoSession } from './helpers/session.ts';

const DIR = path.join(ROOT, 'test/fixtures/imports/einvoices');
const ZIP = path.join(DIR, 'einvoices-2026-10.zip');
const ACCOUNTS = path.join(DIR, 'accounts.csv');
const session = useDemoSession();

/** axe-core's violations inside one element (the app shell is other tests' concern). */
async function axeViolations(page: Page, within: string): Promise<{ id: string; targets: string[] }[]> {
  const source = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const all = await page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return all
    .map((v) => ({ ...v, targets: v.targets.filter((t) => t.includes(within)) }))
    .filter((v) => v.targets.length > 0);
}

describe('e-invoices in chromium', () => {
  it('drops the sample zip, confirms the warnings, and opens the invoices behind STTTT-TTCNTT’s October electricity', async () => {
    const d = await session.open();
    const before = (await d.api('GET', '/api/figures?unit=STTTT-TTCNTT&from=2026-10&to=2026-10&category=electricity'))
      .body.figures[0] as { amount: number; quantity: number };

    // 1. The invoice accounts, uploaded like any spreadsheet.
    await d.goto('/upload');
    const upload = d.view('upload');
    await upload.locator('select#kind').selectOption('invoice-accounts');
    await upload.locator('input#file').setInputFiles(ACCOUNTS);
    await upload.locator('[data-testid=preview]').waitFor();
    await upload.locator('[data-testid=confirm]').click();
    await upload.locator('[data-testid=stored]').waitFor();

    // 2. The zip dropped on the e-invoice drop zone, as dragging it from the desktop would.
    await upload.locator('select#kind').selectOption('invoices');
    const b64 = fs.readFileSync(ZIP).toString('base64');
    await upload.locator('[data-testid=invoice-drop-zone]').evaluate(
      (zone, { name, b64 }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/zip' }));
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { name: path.basename(ZIP), b64 },
    );
    const preview = upload.locator('[data-testid=invoice-preview]');
    await preview.waitFor();
    const count = async (id: string) => (await preview.locator(`[data-count=${id}] strong`).innerText()).trim();
    expect(await count('files')).toBe('3');
    expect(await count('new')).toBe('3');
    expect(await count('duplicate')).toBe('0');
    expect(await count('skipped')).toBe('1');
    expect(await preview.locator('[data-testid=skipped]').innerText()).toContain('hongha-0000123.pdf');

    // The figures that change, old → new, named in words.
    const elec = preview.locator('[data-testid=invoice-changes] tr[data-key="STTTT-TTCNTT/electricity/2026-10"]');
    const elecText = await elec.innerText();
    expect(elecText).toContain('Trung tâm Công nghệ thông tin và Truyền thông');
    expect(elecText).toContain('Tháng 10/2026');
    expect(elecText).toContain('8.744.274 đ');
    expect(elecText).toContain('3.850 kWh');
    expect(await elec.locator('del').innerText()).toContain(
      new Intl.NumberFormat('vi-VN').format(before.amount) + ' đ',
    );
    expect(await preview.locator('[data-testid=invoice-changes] tbody tr').count()).toBe(3);

    // The generated (hand-entered) figures the invoices overwrite: warnings naming file and invoice.
    const warnings = preview.locator('[data-testid=invoice-warnings] tr[data-code=invoice_overwrites_manual]');
    expect(await warnings.count()).toBe(2);
    const w = await preview.locator('[data-testid=invoice-warnings]').innerText();
    expect(w).toContain('HoaDon/evn-PB14010012346.xml');
    expect(w).toContain('STTTT-TTCNTT/electricity/2026-10');
    const confirm = preview.locator('[data-testid=invoice-confirm]');
    expect(await confirm.isDisabled()).toBe(true);
    expect(await axeViolations(d.page, 'tk-invoice-upload')).toEqual([]);
    await d.screenshot('einvoices-preview-desktop');

    // English words the warnings from their codes.
    await d.switchLanguage('en');
    expect(await preview.locator('[data-testid=invoice-warnings]').innerText()).toContain('typed or uploaded by hand');
    await d.switchLanguage('vi');

    // Nothing stored before the box is ticked.
    expect(
      (await d.api('GET', '/api/figures?unit=STTTT-TTCNTT&from=2026-10&to=2026-10&category=electricity')).body
        .figures[0].amount,
    ).toBe(before.amount);
    await preview.locator('[data-testid=invoice-accept-warnings]').check();
    await confirm.click();
    const stored = upload.locator('[data-testid=invoice-stored]');
    await stored.waitFor();
    expect(await stored.innerText()).toContain('3 hóa đơn mới');
    const after = (await d.api('GET', '/api/figures?unit=STTTT-TTCNTT&from=2026-10&to=2026-10&category=electricity'))
      .body.figures[0] as { amount: number; quantity: number };
    expect(after).toMatchObject({ amount: 8_744_274, quantity: 3850 });

    // 3. The invoices behind STTTT-TTCNTT's October electricity, from the link after storing.
    await upload.locator('[data-testid=invoice-figure-links] a[data-key="STTTT-TTCNTT/electricity/2026-10"]').click();
    const figures = d.view('figures');
    const panel = figures.locator('[data-testid=figure-invoices]');
    await panel.waitFor();
    expect(d.page.url()).toContain('/figures?');
    expect(await figures.locator('button[data-cell="electricity|2026-10"]').getAttribute('aria-pressed')).toBe('true');
    expect(await panel.locator('[data-testid=figure-invoices-total]').innerText()).toContain('8.744.274 đ');
    const rows = panel.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('C26TAA');
    expect(row).toContain('0001202');
    expect(row).toContain('Công ty Điện lực Trà Vinh');
    expect(row).toContain('0300942001-012');
    expect(row).toContain('04/11/2026');
    expect(row).toContain('8.744.274 đ');
    expect(row).toContain('3.850 kWh');
    expect(await rows.first().locator('[data-testid=dscks]').getAttribute('data-present')).toBe('true');
    expect(await rows.first().locator('[data-testid=mccqt]').getAttribute('data-present')).toBe('true');
    expect(await panel.innerText()).toContain('không được kiểm tra');
    // The overwritten generated value is in the figure's history.
    expect(await figures.locator('[data-testid=figure-editor]').innerText()).toContain(
      new Intl.NumberFormat('vi-VN').format(before.amount),
    );
    expect(await axeViolations(d.page, 'tk-figure-invoices')).toEqual([]);
    await d.screenshot('einvoices-figure-invoices-desktop');
  }, 120_000);

  it('shows the invoices behind a figure on a phone without sideways scrolling', async () => {
    const d = await session.open({ viewport: PHONE });
    // The demo's own invoices: the last closed month of STTTT-VP.
    const figs = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2026-01&to=2026-12&category=electricity')).body
      .figures as { period: string }[];
    const last = figs
      .map((f) => f.period)
      .sort()
      .at(-1)!;
    await d.goto(`/figures?unit=STTTT-VP&year=${last.slice(0, 4)}&category=electricity&period=${last}`);
    const panel = d.view('figures').locator('[data-testid=figure-invoices]');
    await panel.waitFor();
    expect(await panel.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    const overflow = await d.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await d.screenshot('einvoices-figure-invoices-phone');
  });

  it('lists and edits the invoice accounts in the settings view', async () => {
    const d = await session.open();
    await d.goto('/settings?unit=STTTT-VP');
    const section = d.view('settings').locator('[data-testid=invoice-accounts-section]');
    const table = section.locator('[data-testid=invoice-accounts]');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('PB14010012345');
    expect(text).not.toContain('PB14010012346'); // STTTT-TTCNTT's meter: another unit's row

    // Edit the meter's row: name the category explicitly.
    const row = table.locator('tr', { hasText: 'PB14010012345' });
    await row.locator('button', { hasText: 'Sửa' }).click();
    const form = section.locator('[data-testid=invoice-account-form]');
    expect(await form.locator('#ia-customerCode').inputValue()).toBe('PB14010012345');
    await form.locator('#ia-category').selectOption('electricity');
    await form.locator('button[type=submit]').click();
    await section.locator('.notice').waitFor();
    const list = (await d.api('GET', '/api/invoice-accounts?unit=STTTT-VP')).body.accounts as {
      customerCode: string;
      categoryCode: string | null;
    }[];
    expect(list.find((a) => a.customerCode === 'PB14010012345')?.categoryCode).toBe('electricity');

    // A malformed tax code is refused with the server's message, nothing added.
    d.allowConsoleError(/status of 400/);
    await form.locator('#ia-sellerTaxCode').fill('12345');
    await form.locator('button[type=submit]').click();
    const alert = section.locator('[role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Mã số thuế "12345" không hợp lệ');
    expect((await d.api('GET', '/api/invoice-accounts?unit=STTTT-VP')).body.accounts).toHaveLength(list.length);
    expect(await axeViolations(d.page, 'tk-invoice-accounts-panel')).toEqual([]);
    await d.screenshot('einvoices-accounts-desktop');
  });
});
