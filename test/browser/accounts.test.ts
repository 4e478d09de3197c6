/**
 * Accounts in chromium against the real server with the demo agency and its demo accounts:
 * the login page (wrong password, then back to where the visitor was going), what each role
 * sees, the audit view, and not one Content-Security-Policy violation on any view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { DashboardPage } from './helpers/dashboard-page.ts';
import { ensureBuilt } from './helpers/build.ts';
import { views } from '../../web/src/views/registry.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

// Collects CSP violations inside the page (the event fires for every blocked script, style, image...).
const RECORD_CSP = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`;

async function open(): Promise<DashboardPage> {
  const ctx = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.addInitScript(RECORD_CSP);
  return new DashboardPage(page, server.baseUrl);
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

beforeAll(async () => {
  ensureBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('accounts in chromium', () => {
  it('signs in through the login page and returns to where the visitor was going', async () => {
    const d = await open();
    d.allowConsoleError(/status of 401/);
    await d.page.goto(`${server.baseUrl}/trends?unit=STTTT&year=2020`);
    await expect.poll(() => new URL(d.page.url()).pathname, { timeout: 15_000 }).toBe('/login');
    const login = d.page.locator('tk-login-view');
    await login.locator('input#email').fill('ketoan@demo.tietkiem.vn');
    await login.locator('input#password').fill('not the password');
    await login.locator('button[type="submit"]').click();
    await expect.poll(() => login.locator('[data-test="login-error"]').textContent()).toContain('không đúng');
    d.allowConsoleError(/status of 401/);
    await login.locator('input#email').fill('admin@demo.tietkiem.vn');
    await login.locator('input#password').fill('demo-admin-2026');
    await login.locator('button[type="submit"]').click();
    await expect.poll(() => new URL(d.page.url()).pathname, { timeout: 15_000 }).toBe('/trends');
    expect(await d.waitForCharts(d.view('trends'))).toBeGreaterThan(0);
    expect(await violations(d.page)).toEqual([]);
    const cookies = await d.page.context().cookies();
    expect(cookies.find((c) => c.name === 'tk_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  // ?next= as an attacker would type it into a link: each one resolves (in chromium) to another
  // host under a naive "starts with one slash" check. Sign-in must land on this site every time.
  const HOSTILE_NEXT = [
    '/%09/evil.example/', // tab, dropped by the URL parser: //evil.example/
    '/%0a/evil.example/', // LF
    '/%0d/evil.example/', // CR
    '/%0d%0a/evil.example/',
    '%09//evil.example/',
    '/%5C/evil.example/', // backslash, read as a slash
    '/%5Cevil.example/',
    '%5C%5Cevil.example/',
    '/%09%5Cevil.example/',
    '%2F%2Fevil.example/', // encoded
    '%252F%252Fevil.example/', // double-encoded
    '/%2509/evil.example/',
    'https://evil.example/',
    '//evil.example/',
    'javascript:alert(document.domain)',
  ];
  it('never leaves the site after sign-in, whatever ?next= holds (tab, CR, LF, backslash, encoded)', async () => {
    const d = await open();
    // Had the browser gone to evil.example, this answers instead of the (unreachable) host.
    await d.page.route(
      (url) => url.hostname.endsWith('evil.example'),
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>evil</p>' }),
    );
    const landed: Record<string, string> = {};
    for (const next of HOSTILE_NEXT) {
      await d.page.context().clearCookies();
      await d.page.goto(`${server.baseUrl}/login?next=${next}`);
      const login = d.page.locator('tk-login-view');
      await login.locator('input#email').fill('lanhdao@demo.tietkiem.vn');
      await login.locator('input#password').fill('demo-lanhdao-2026');
      await login.locator('button[type="submit"]').click();
      await expect.poll(() => d.page.url(), { timeout: 15_000 }).not.toContain('/login');
      landed[next] = new URL(d.page.url()).origin;
    }
    expect(landed).toEqual(Object.fromEntries(HOSTILE_NEXT.map((n) => [n, server.baseUrl])));
  }, 300_000);

  it('shows a finance officer only their unit and keeps the audit trail from them', async () => {
    const d = await open();
    await d.signIn('ketoan@demo.tietkiem.vn', 'demo-ketoan-2026');
    await d.goto('/overview');
    const options = await d.unitChoices();
    expect(options).toEqual(['STTTT-VP']);
    expect((await d.api('GET', '/api/results?unit=STTTT&year=2020')).status).toBe(403);
    expect((await d.api('GET', '/api/audit')).status).toBe(403);
  });

  it('lets a viewer read the whole department and change nothing', async () => {
    const d = await open();
    await d.signIn('lanhdao@demo.tietkiem.vn', 'demo-lanhdao-2026');
    await d.goto('/overview?unit=STTTT&year=2020');
    await d.card('stationery').waitFor();
    const put = await d.api('PUT', '/api/figures', {
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
      period: '2020-01',
      amount: 1,
    });
    expect(put.status).toBe(403);
  });

  it('shows administrators the audit trail in words: action names, dd/MM/yyyy HH:mm, before → after per field', async () => {
    const d = await open();
    await d.signIn();
    await d.goto('/audit?action=auth');
    const rows = d.view('audit').locator('[data-test="audit-row"]');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBeGreaterThan(0);
    const signIns = (await rows.allInnerTexts()).join('\n');
    expect(signIns).toContain('Đăng nhập');
    expect(signIns).not.toContain('auth.login');
    // A correction: the changed field with its old and new value, never the stored JSON.
    const key = 'STTTT-VP/stationery/2025-03';
    const before = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-03&to=2025-03&category=stationery')).body
      .figures[0];
    const put = await d.api('PUT', '/api/figures', {
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
      period: '2025-03',
      amount: before.amount + 1000,
      quantity: before.quantity,
      note: before.note,
    });
    expect(put.status).toBe(200);
    await d.goto(`/audit?entityType=figure&entityKey=${encodeURIComponent(key)}`);
    const row = rows.first();
    await row.waitFor({ timeout: 15_000 });
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    // The time shown is the stored UTC instant in Hà Nội time (UTC+7).
    const iso = await row.locator('time').getAttribute('datetime');
    const hanoi = new Date(Date.parse(iso!) + 7 * 3600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(cells[0]).toBe(
      `${pad(hanoi.getUTCDate())}/${pad(hanoi.getUTCMonth() + 1)}/${hanoi.getUTCFullYear()} ${pad(hanoi.getUTCHours())}:${pad(hanoi.getUTCMinutes())}`,
    );
    expect(cells[3]).toBe('Sửa số liệu');
    const changes = row.locator('[data-test="audit-change"]');
    expect(await changes.count()).toBe(1);
    const fmt = (n: number) => n.toLocaleString('vi-VN');
    expect((await changes.first().innerText()).replace(/\s+/g, ' ').trim()).toBe(
      `Số tiền: ${fmt(before.amount)} → ${fmt(before.amount + 1000)}`,
    );
    expect(await row.innerText()).not.toMatch(/[{}"]/);
    await d.switchLanguage('en');
    await expect.poll(() => row.locator('td').nth(3).innerText()).toBe('Figure corrected');
    expect(await changes.first().innerText()).toContain('Amount:');
    await d.switchLanguage('vi');
  });

  it('runs every view without a single Content-Security-Policy violation', async () => {
    const d = await open();
    await d.signIn();
    const res = await d.page.goto(`${server.baseUrl}/overview?unit=STTTT&year=2020`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const seen: Record<string, string[]> = {};
    for (const v of views) {
      await d.goto(`${v.path}?unit=STTTT&year=2020`);
      await d.page.waitForLoadState('networkidle');
      seen[v.id] = await violations(d.page);
    }
    expect(seen).toEqual(Object.fromEntries(views.map((v) => [v.id, []])));
    expect(d.errors).toEqual([]);
  });
});
