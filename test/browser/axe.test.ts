/**
 * axe-core on every view of the dashboard, at laptop (1366 px) and phone (375 px) width, signed in
 * as the administrator (who sees every control), plus the sign-in page signed out, the month
 * drill-down, a parent's own figures, the several-years trends and the unit picker's list open:
 * no serious or critical violation anywhere, no view scrolling sideways, and
 * none of the ones issue 14 found (label-content-name-mismatch on the kWh cells of Số liệu,
 * scrollable-region-focusable on chart data tables and phone tables, region, skip-link).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/build.ts';
import { useDemoSession } from './helpers/session.ts';
import { views } from '../../web/src/views/registry.ts';
import type { DashboardPage } from './helpers/dashboard-page.ts';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const session = useDemoSession();

interface Found {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe on the whole page (open shadow roots included); evaluate() is not subject to the CSP. */
async function axe(d: DashboardPage): Promise<Found[]> {
  await d.page.evaluate(AXE);
  return d.page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<any> } }).axe.run(
      document,
      { resultTypes: ['violations'] },
    );
    return (r.violations as Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }>).map(
      (v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }),
    );
  });
}

const WIDTHS = { laptop: { width: 1366, height: 900 }, phone: { width: 375, height: 740 } };
const PAGES = views.filter((v) => !v.bare).map((v) => ({ id: v.id, path: `${v.path}?unit=STTTT&year=2020` }));
PAGES.push({ id: 'figures-editor', path: '/figures?unit=STTTT-VP&year=2020' });
PAGES.push({ id: 'figures-own', path: '/figures?unit=STTTT&year=2020&own=1' });
PAGES.push({ id: 'figures-month', path: '/figures?unit=STTTT&year=2020&period=2020-03&category=stationery' });
PAGES.push({ id: 'compare-vp', path: '/compare?unit=STTTT&year=2020&category=electricity' });
PAGES.push({ id: 'trends-years', path: '/trends?unit=STTTT&year=2020&range=years' });
PAGES.push({ id: 'unit-picker-open', path: '/overview?unit=STTTT&year=2020' });

describe('axe-core on every view', () => {
  for (const [name, viewport] of Object.entries(WIDTHS)) {
    it(`finds no serious or critical violation at ${name} width (${viewport.width} px)`, async () => {
      const d = await session.open({ viewport });
      const found: Record<string, Found[]> = {};
      const overflow: Record<string, number> = {};
      for (const p of PAGES) {
        await d.goto(p.path);
        await d.page.waitForLoadState('networkidle');
        if (p.id === 'figures-editor') {
          await d.view('figures').locator('td button').nth(10).click();
          await d.view('figures').locator('[data-testid=figure-editor]').waitFor();
          await d.page.waitForLoadState('networkidle');
        }
        if (p.id === 'unit-picker-open') {
          await d.unitBox().fill('van phong');
          await d.page.locator('tk-unit-picker li[role=option]').first().waitFor();
        }
        // Chart data tables and breakdowns sit in <details>: open them so axe sees them too.
        await d.page.locator('details').evaluateAll((ds) => ds.forEach((x) => ((x as HTMLDetailsElement).open = true)));
        found[p.id] = await axe(d);
        overflow[p.id] = await d.horizontalOverflow();
      }
      // The sign-in page, signed out.
      const out = await session.open({ viewport, signIn: false });
      out.allowConsoleError(/status of 401 .*\/api\/auth\/me/);
      await out.page.goto(`${session.server.baseUrl}/login`);
      await out.page.locator('tk-login-view input#email').waitFor();
      found.login = await axe(out);
      overflow.login = await out.horizontalOverflow();
      const counts = Object.fromEntries(Object.entries(found).map(([id, vs]) => [id, vs.length]));
      console.log(`axe ${name}: violations per view`, JSON.stringify(counts));
      console.log(`sideways scroll ${name} (px)`, JSON.stringify(overflow));
      // No view scrolls sideways, on a phone either (the figures page was 226 px too wide).
      expect(Object.entries(overflow).filter(([, px]) => px > 0)).toEqual([]);
      const all = Object.entries(found).flatMap(([id, vs]) => vs.map((v) => ({ view: id, ...v })));
      console.log(
        `axe ${name}:`,
        JSON.stringify(
          all.map((v) => `${v.view} ${v.id} ${v.impact} ${v.nodes[0]}`),
          null,
          1,
        ),
      );
      const bad = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad).toEqual([]);
      const named = all.filter((v) =>
        ['label-content-name-mismatch', 'scrollable-region-focusable', 'region', 'skip-link'].includes(v.id),
      );
      expect(named).toEqual([]);
    }, 240_000);
  }
});
