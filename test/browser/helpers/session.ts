/**
 * One real server with the demo agency and one chromium for a browser test file: registers the
 * Vitest hooks (start both, after each test close its pages and fail on any console error the
 * test did not declare expected, stop both) and opens signed-in pages.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';
import { DashboardPage } from './dashboard-page.ts';
import { ensureBuilt } from './build.ts';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

export interface DemoSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  open(opts?: {
    viewport?: { width: number; height: number };
    signIn?: boolean;
    acceptDownloads?: boolean;
  }): Promise<DashboardPage>;
}

/** `env`: extra server environment, e.g. `{ CLOCK_START: '2026-07-10T10:00:00+07:00' }`. */
export function useDemoSession(env: Record<string, string> = {}): DemoSession {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: DashboardPage[] = [];

  beforeAll(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
  }, 180_000);

  afterEach(async () => {
    const errors = pages.flatMap((p) => p.errors);
    pages.length = 0;
    for (const c of contexts.splice(0)) await c.close();
    expect(errors, 'console errors').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    async open({ viewport = DESKTOP, signIn = true, acceptDownloads = false } = {}) {
      const ctx = await browser.newContext({
        viewport,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        acceptDownloads,
      });
      contexts.push(ctx);
      const d = new DashboardPage(await ctx.newPage(), server.baseUrl);
      if (signIn) await d.signIn();
      pages.push(d);
      return d;
    },
  };
}
