/**
 * Printing on A4 in chromium (print media, page.pdf()): the report view prints as the filed
 * document on A4 portrait with the ND30 margins, and every dashboard view prints on A4 without
 * cut columns (every table cell inside the page box) or charts split across pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoSession } from './helpers/session.ts';
import { pdfPageSizes, pdfText, pdfTextItems, positionsInOrder } from '../helpers/documents.ts';

const session = useDemoSession();
const PX_PER_MM = 96 / 25.4;
/** Printed PDFs are kept here to look at (pdftoppm). */
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/print');

/** Every table cell and chart on the page (through shadow roots): its left and right edges in CSS px. */
function layoutBoxes(page: Page) {
  return page.evaluate(() => {
    const out: Array<{ kind: string; left: number; right: number; height: number; breakInside: string; text: string }> =
      [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('td, th, tk-chart')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0)
            out.push({
              kind: el.tagName.toLowerCase(),
              left: r.left,
              right: r.right,
              height: r.height,
              breakInside: getComputedStyle(el).breakInside,
              text: (el.textContent ?? '').trim().slice(0, 40),
            });
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  });
}

/** Prints the page to PDF on A4 (the page's own @page rules) and checks every text item is on the page. */
async function printA4(page: Page, name: string) {
  const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const sizes = await pdfPageSizes(pdf);
  for (const [w, h] of sizes) expect([Math.round(w), Math.round(h)], name).toEqual([595, 842]);
  for (const it of await pdfTextItems(pdf)) {
    expect(it.x, `${name}: "${it.str}" starts left of the page`).toBeGreaterThanOrEqual(0);
    expect(it.x + it.width, `${name}: "${it.str}" runs past the page's right edge`).toBeLessThanOrEqual(it.pageWidth);
  }
  return pdf;
}

describe('printing on A4', () => {
  it('the report view prints as the filed document: A4 portrait, ND30 margins, no cell outside the page', async () => {
    const d = await session.open();
    await d.goto('/report?unit=STTTT&year=2020&number=15&date=2021-01-05');
    const doc = d.page.locator('tk-report-view article.doc');
    await doc.waitFor({ timeout: 20_000 });
    await expect.poll(() => doc.textContent()).toContain('Số: 15/BC-STTTT');
    await d.page.emulateMedia({ media: 'print' });
    // The ND30 page box: 210 mm less 30 mm left and 15 mm right.
    const content = (210 - 30 - 15) * PX_PER_MM;
    await d.page.setViewportSize({ width: Math.floor(content), height: 1100 });
    const cells = (await layoutBoxes(d.page)).filter((b) => b.kind !== 'tk-chart');
    expect(cells.length).toBeGreaterThan(40);
    for (const c of cells) {
      expect(c.left, c.text).toBeGreaterThanOrEqual(-0.5);
      expect(c.right, c.text).toBeLessThanOrEqual(content + 0.5);
    }
    const pdf = await printA4(d.page, 'report');
    const items = await pdfTextItems(pdf);
    // The left margin is 30 mm and the right 15 mm: no text outside them.
    const mm = 72 / 25.4;
    for (const it of items) {
      expect(it.x, it.str).toBeGreaterThanOrEqual(30 * mm - 1);
      expect(it.x + it.width, it.str).toBeLessThanOrEqual(it.pageWidth - 15 * mm + 1);
    }
    const text = await pdfText(pdf);
    // The last column (cut off before) is on the page, its header wrapped or not.
    expect(text.replace(/\s+/g, ' ')).toContain('Đánh giá');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'report-print.pdf'), pdf);
    positionsInOrder(text, [
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'Số: 15/BC-STTTT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Trà Vinh, ngày 05 tháng 01 năm 2021',
      'BÁO CÁO',
      'Năm 2020: văn phòng phẩm giảm 10%',
      'Nơi nhận:',
      'Nguyễn Văn An',
    ]);
    await d.screenshot('report-print');
  }, 120_000);

  for (const url of [
    '/overview?unit=STTTT&year=2025',
    '/trends?unit=STTTT&year=2025',
    '/compare?unit=STTTT&year=2025',
    '/figures?unit=STTTT&year=2025',
    '/settings?unit=STTTT&year=2025',
    '/audit?unit=STTTT&year=2025',
    '/bloc?unit=STTTT&year=2025',
    '/upload?unit=STTTT&year=2025',
  ])
    it(`${url.split('?')[0]} prints on A4 portrait: every cell on the page, charts whole`, async () => {
      const d = await session.open();
      await d.goto(url);
      await d.page.waitForLoadState('networkidle');
      const id = url.slice(1).split('?')[0];
      const view = d.view(id);
      await view.waitFor({ timeout: 20_000 });
      if ((await view.locator('canvas').count()) > 0) await d.waitForCharts(view);
      await d.page.emulateMedia({ media: 'print' });
      const content = (210 - 2 * 12) * PX_PER_MM;
      await d.page.setViewportSize({ width: Math.floor(content), height: 1100 });
      for (const b of await layoutBoxes(d.page)) {
        expect(b.left, `${id}: ${b.kind} "${b.text}"`).toBeGreaterThanOrEqual(-0.5);
        expect(b.right, `${id}: ${b.kind} "${b.text}"`).toBeLessThanOrEqual(content + 0.5);
        if (b.kind === 'tk-chart') {
          expect(b.breakInside, `${id}: chart`).toBe('avoid');
          expect(b.height, `${id}: chart taller than a page`).toBeLessThan((297 - 24) * PX_PER_MM);
        }
      }
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, `${id}.pdf`), await printA4(d.page, id));
    }, 90_000);
});
