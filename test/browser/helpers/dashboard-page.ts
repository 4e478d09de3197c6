/**
 * Page object for the dashboard: how a test opens views, picks a unit and year, switches
 * language, uploads a file and checks a chart, without knowing the components' markup.
 * Playwright's CSS locators pierce the open shadow roots of our Lit components.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-artifacts/screenshots');

export class DashboardPage {
  private readonly seen: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Console errors and uncaught exceptions seen so far, except those a test declared expected. */
  get errors(): string[] {
    return this.seen.filter((e) => !this.allowed.some((re) => re.test(e)));
  }

  /**
   * Declare a console error expected, e.g. chromium's "Failed to load resource … 422" line for an
   * upload the server rightly rejects.
   */
  allowConsoleError(re: RegExp) {
    this.allowed.push(re);
  }

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.seen.push(`console: ${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => this.seen.push(`pageerror: ${e.message}`));
  }

  /**
   * Signs in as the demo administrator when the server has accounts (POST /api/auth/login sets
   * the session cookie in this browser context); without accounts (404) there is nothing to do.
   */
  async signIn(email = 'admin@demo.tietkiem.vn', password = 'demo-admin-2026') {
    const r = await this.page.request.post(`${this.baseUrl}/api/auth/login`, {
      data: { email, password },
      headers: { origin: this.baseUrl },
    });
    if (r.status() === 404) return;
    if (!r.ok()) throw new Error(`sign-in failed: ${r.status()} ${await r.text()}`);
  }

  /** A JSON API call with this browser context's cookies (as the page would make it). */
  async api(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any }> {
    const r = await this.page.request.fetch(`${this.baseUrl}${pathAndQuery}`, {
      method,
      headers: {
        origin: this.baseUrl,
        'sec-fetch-site': 'same-origin',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status(), body: text ? JSON.parse(text) : null };
  }

  async goto(pathAndQuery: string) {
    await this.page.goto(this.baseUrl + pathAndQuery);
    await this.page.locator('tk-app main').waitFor();
  }

  view(id: string): Locator {
    return this.page.locator(`[data-view="${id}"]`);
  }

  nav(id: string): Locator {
    return this.page.locator(`a[data-nav="${id}"]`);
  }

  /** The overview card of a category. */
  card(category: string): Locator {
    return this.view('overview').locator(`article[data-category="${category}"]`);
  }

  /** The unit picker's text box (tk-unit-picker, a combobox). */
  unitBox(): Locator {
    return this.page.locator('tk-scope-picker tk-unit-picker input#unit');
  }

  /** Picks a unit as a person would by keyboard: types its code, then Enter on the first match. */
  async selectUnit(code: string) {
    const box = this.unitBox();
    await box.fill(code);
    await this.page.locator('tk-unit-picker li[role=option]').first().waitFor();
    await expect
      .poll(() => this.page.locator('tk-unit-picker li[role=option]').first().getAttribute('data-code'))
      .toBe(code);
    await box.press('Enter');
  }

  /** The codes the unit picker offers with nothing typed (the first 50 in tree order). */
  async unitChoices(): Promise<string[]> {
    await this.unitBox().click();
    const options = this.page.locator('tk-unit-picker li[role=option]');
    await options.first().waitFor();
    const codes = await options.evaluateAll((os) => os.map((o) => o.getAttribute('data-code') ?? ''));
    await this.unitBox().press('Escape');
    return codes;
  }

  async selectYear(year: number) {
    await this.page.locator('tk-scope-picker select#year').selectOption(String(year));
  }

  async switchLanguage(lang: 'vi' | 'en') {
    await this.page.locator(`header button[lang="${lang}"]`).click();
  }

  /** Chooses a file in the upload view (the same path as drag and drop: one File to check). */
  async chooseUploadFile(file: string) {
    await this.view('upload').locator('input#file').setInputFiles(file);
  }

  /** Drops a file on the upload view's drop zone, as dragging it from the desktop would. */
  async dropUploadFile(file: string) {
    const name = path.basename(file);
    const b64 = fs.readFileSync(file).toString('base64');
    await this.view('upload')
      .locator('[data-testid=drop-zone]')
      .evaluate(
        (zone, { name, b64 }) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], name, { type: 'text/csv' }));
          zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name, b64 },
      );
  }

  /** Waits until every canvas in `scope` has drawn non-transparent pixels; returns how many. */
  async waitForCharts(scope: Locator, timeout = 15_000): Promise<number> {
    await scope.locator('canvas').first().waitFor({ timeout });
    const handle = await scope.elementHandle();
    await this.page.waitForFunction(
      (root) => {
        const canvases: HTMLCanvasElement[] = [];
        const walk = (n: Element | ShadowRoot) => {
          n.querySelectorAll('*').forEach((el) => {
            if (el instanceof HTMLCanvasElement) canvases.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          });
        };
        walk((root as Element).shadowRoot ?? root);
        if (canvases.length === 0) return false;
        return canvases.every((c) => {
          if (c.width === 0 || c.height === 0) return false;
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let painted = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
          return painted > 500;
        });
      },
      handle,
      { timeout },
    );
    return scope.locator('canvas').count();
  }

  /** scrollWidth − clientWidth of the document (0 = no horizontal scroll). */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => {
      const el = document.scrollingElement!;
      return el.scrollWidth - el.clientWidth;
    });
  }

  async screenshot(name: string) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  }
}
