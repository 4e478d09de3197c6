/**
 * The upload preview and the figure editor in chromium (issue 14, point 10): changed rows are
 * named in words (unit, category, month), not by their key; an inserted figure lists only the
 * fields it fills (no "Số lượng: —"); the figure editor shows amounts with vi-VN separators,
 * reads them back typed either way and refuses a fraction of a đồng with its own message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useDemoSession } from './helpers/session.ts';

const session = useDemoSession();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-upload-preview-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('upload preview and figure editor in chromium', () => {
  it('names the changed rows in words and lists only the filled fields of an insert', async () => {
    const d = await session.open();
    // 2023 holds no demo figures: the first row is an insert (amount only); the second updates a stored one.
    const stored = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-03&to=2025-03&category=phone')).body
      .figures[0].amount as number;
    const file = path.join(dir, 'preview.csv');
    fs.writeFileSync(
      file,
      [
        'Mã đơn vị,Kỳ,Khoản chi,Số tiền (đồng),Số lượng,Ghi chú',
        'STTTT-VP,2023-03,Văn phòng phẩm,1250000,,',
        `STTTT-VP,2025-03,Cước điện thoại,${stored + 1000},,`,
      ].join('\n'),
    );
    await d.goto('/upload');
    await d.chooseUploadFile(file);
    const preview = d.view('upload').locator('[data-testid=preview]');
    await preview.waitFor();
    const insert = preview.locator('[data-testid=changes] tr[data-key="STTTT-VP/stationery/2023-03"]');
    const text = await insert.innerText();
    expect(text).toContain('Văn phòng Sở · Văn phòng phẩm · Tháng 3/2023');
    expect(text).not.toContain('STTTT-VP/');
    expect(text).toContain('1.250.000');
    expect(text).not.toContain('—');
    expect(text).not.toContain('Số lượng');
    expect(text).not.toContain('Ghi chú');
    const update = await preview.locator('[data-testid=changes] tr[data-key="STTTT-VP/phone/2025-03"]').innerText();
    expect(update).toContain('Văn phòng Sở · Cước điện thoại · Tháng 3/2025');
    // English names the category in English.
    await d.switchLanguage('en');
    expect(await insert.innerText()).toContain('Văn phòng Sở · Stationery · March 2023');
    await d.switchLanguage('vi');
  });

  it('the figure editor shows vi-VN separators, reads 1250000 and 1.250.000, refuses a fraction', async () => {
    const d = await session.open();
    const get = async () =>
      (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2024-05&to=2024-05&category=stationery')).body.figures[0]
        .amount as number;
    await d.goto('/figures?unit=STTTT-VP&year=2024&category=stationery&period=2024-05');
    const editor = d.view('figures').locator('[data-testid=figure-editor]');
    const amount = editor.locator('input#amount');
    await amount.waitFor();
    // The stored value, as vi-VN writes it (the field is filled once the figure has loaded).
    const stored = new Intl.NumberFormat('vi-VN').format(await get());
    await expect.poll(() => amount.inputValue(), { timeout: 15_000 }).toBe(stored);
    expect(await amount.inputValue()).toMatch(/^\d{1,3}(\.\d{3})+$/);
    // Typed without separators, it comes back with them once the field is left.
    await amount.fill('1250000');
    await amount.blur();
    expect(await amount.inputValue()).toBe('1.250.000');
    await editor.locator('button[type=submit]').click();
    await expect.poll(get, { timeout: 15_000 }).toBe(1_250_000);
    // Saved, and the view has reloaded the month (the form is redrawn with what is stored).
    await d.view('figures').locator('p.msg.notice').waitFor({ timeout: 15_000 });
    await expect.poll(() => editor.locator('button[type=submit]').isEnabled(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => amount.inputValue(), { timeout: 15_000 }).toBe('1.250.000');
    // A fraction of a đồng: refused with its own message, nothing stored.
    await amount.fill('1.300.000,5');
    await editor.locator('button[type=submit]').click();
    const msg = d.view('figures').locator('p.msg.error');
    await msg.waitFor({ timeout: 15_000 });
    expect(await msg.innerText()).toContain('không có phần lẻ');
    expect(await get()).toBe(1_250_000);
    await amount.fill('1.300.000');
    await editor.locator('button[type=submit]').click();
    await expect.poll(get, { timeout: 15_000 }).toBe(1_300_000);
  });
});
