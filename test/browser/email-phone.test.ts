/**
 * The demo agency's monthly summary, end to end: the real server loads the demo, the operator's
 * `emails send` delivers the last closed month to a real SMTP server in this process, once per
 * recipient (a second run sends nothing), and the HTML part as received renders in chromium at
 * phone width without horizontal scroll. Screenshot: test-artifacts/screenshots/email-<period>-phone.png.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './helpers/browser.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { SCREENSHOT_DIR } from './helpers/dashboard-page.ts';
import { ROOT } from './helpers/build.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { formatPeriodVi, lastClosedPeriod } from '../../domain/months.ts';

const run = promisify(execFile);
const period = lastClosedPeriod(new Date());

let server: RunningServer;
let smtp: TestSmtp;
let browser: Browser;

async function sendSummaries(): Promise<void> {
  await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'emails', 'send', '--period', period], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: path.join(server.dir, 'demo.sqlite'),
      SMTP_URL: smtp.url,
      SEED_DEMO: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      BASE_URL: server.baseUrl,
    },
    timeout: 90_000,
  });
}

beforeAll(async () => {
  [server, smtp, browser] = await Promise.all([startServer(), startSmtp(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

describe('the demo monthly summary on a phone', () => {
  it('arrives once per recipient and reads at 375 px without horizontal scroll', async () => {
    await sendSummaries();
    const recipients = smtp.received.flatMap((r) => r.rcpt);
    expect(recipients.length).toBeGreaterThan(0);
    expect(new Set(recipients).size, 'one message per recipient').toBe(recipients.length);
    expect(recipients).toContain('dangu.stttt@example.gov.vn');

    // Again: everything is already sent, nothing goes out twice.
    const before = smtp.received.length;
    await sendSummaries();
    expect(smtp.received.length).toBe(before);

    const mail = smtp.received.find((r) => r.rcpt.includes('dangu.stttt@example.gov.vn'))!.mail;
    expect(mail.subject!.toLowerCase()).toContain(formatPeriodVi(period).toLowerCase());
    expect(mail.text!.toLowerCase()).toContain('văn phòng phẩm');
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain(server.baseUrl);

    const ctx = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    try {
      const page = await ctx.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const { scrollWidth, clientWidth, text } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        text: document.body.innerText,
      }));
      expect(scrollWidth, 'no horizontal scroll at phone width').toBeLessThanOrEqual(clientWidth);
      for (const s of ['văn phòng phẩm', 'cước điện thoại', 'điện', 'chi phí khác'])
        expect(text.toLowerCase()).toContain(s);
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `email-${period}-phone.png`), fullPage: true });
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
