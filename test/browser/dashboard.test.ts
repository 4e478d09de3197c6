/**
 * The dashboard in chromium against the real server with the demo agency: the worked example's
 * numbers, charts that draw, an upload through the page (preview, then store), a rejected upload
 * with its errors, the language switch, the phone layout; screenshots of every view at desktop
 * and phone width go to test-artifacts/screenshots/. No console errors anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstLoadSizes, ROOT } from './helpers/build.ts';
import { DESKTOP, PHONE, useDemoSession } from './helpers/session.ts';

const FIXTURES = path.join(ROOT, 'test/fixtures/browser');
const METRICS = path.join(ROOT, 'test-artifacts/browser-metrics.json');
const metrics: Record<string, unknown> = {};

const session = useDemoSession();
const open = (viewport = DESKTOP, signIn = true) => session.open({ viewport, signIn });

afterAll(() => {
  fs.mkdirSync(path.dirname(METRICS), { recursive: true });
  fs.writeFileSync(METRICS, JSON.stringify(metrics, null, 2));
  console.log('dashboard metrics', JSON.stringify(metrics));
});

describe('dashboard in chromium', () => {
  it('first-load JS is within budget (gzip ≤ 100 KB)', () => {
    const sizes = firstLoadSizes();
    metrics.firstLoad = sizes;
    expect(sizes.files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(sizes.jsGzip).toBeLessThanOrEqual(100 * 1024);
  });

  it('no chunk carries zod (its Function("") probe is a CSP violation under script-src \'self\')', () => {
    const assets = path.join(ROOT, 'dist/assets');
    const withZod = fs
      .readdirSync(assets)
      .filter((f) => f.endsWith('.js') && fs.readFileSync(path.join(assets, f), 'utf8').includes('jitless'));
    expect(withZod).toEqual([]);
  });

  it('/ goes to the overview, which shows the worked example for STTTT 2020', async () => {
    const d = await open();
    await d.goto('/?unit=STTTT&year=2020');
    expect(new URL(d.page.url()).pathname).toBe('/overview');
    await expect
      .poll(() =>
        d
          .card('stationery')
          .locator('[data-testid=reduction]')
          .textContent()
          .catch(() => ''),
      )
      .toContain('10,0%');
    const reduction = (c: string) => d.card(c).locator('[data-testid=reduction]').innerText();
    expect(await reduction('stationery')).toContain('10,0%');
    expect(await reduction('phone')).toContain('20,0%');
    expect(await reduction('other')).toContain('5,0%');
    expect(await reduction('electricity')).toContain('15,0%');
    expect(await d.card('stationery').innerText()).toContain('43.200.000 đ');
    expect(await d.card('stationery').innerText()).toContain('48.000.000 đ');
    expect(await d.card('electricity').innerText()).toContain('51.000 kWh');
    // Met in words, not only colour.
    expect(await d.card('phone').locator('[data-testid=verdict]').innerText()).toContain('Đạt chỉ tiêu');
    expect(await d.card('phone').locator('[role=progressbar]').getAttribute('aria-valuetext')).toContain('20,0%');
    const sentence = await d.view('overview').locator('[data-testid=sentence]').innerText();
    expect(sentence).toContain('Năm 2020: văn phòng phẩm giảm 10%;');
    expect(sentence).toContain('tiết kiệm điện đạt 15% so với định mức');
    await d.screenshot('overview-desktop');
    // The print stylesheet makes the overview a one-page A4 report (no header, navigation or pickers).
    await d.page.emulateMedia({ media: 'print' });
    expect(await d.page.locator('tk-app nav').isVisible()).toBe(false);
    const pdf = (await d.page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
  });

  it('the overview of the current demo year lists the units that have not submitted', async () => {
    const d = await open();
    await d.goto('/overview?unit=STTTT&year=2026');
    const missing = d.view('overview').locator('[data-testid=not-submitted]');
    await missing.waitFor();
    expect(await missing.innerText()).toMatch(/chưa nộp|Tất cả đơn vị đã nộp/);
  });

  it('trends: the results requests start beside the view code (prefetch), each made once', async () => {
    const d = await open();
    const seen: { url: string; at: number }[] = [];
    let chunkDone = Infinity;
    d.page.on('request', (r) => {
      if (r.url().includes('/api/results?')) seen.push({ url: new URL(r.url()).search, at: Date.now() });
    });
    d.page.on('requestfinished', (r) => {
      if (/\/assets\/trends-view[^/]*\.js$/.test(r.url())) chunkDone = Math.min(chunkDone, Date.now());
    });
    await d.goto('/trends?unit=STTTT&year=2020');
    expect(await d.waitForCharts(d.view('trends'))).toBe(4);
    const urls = seen.map((x) => x.url).sort();
    expect(urls).toEqual(['?unit=STTTT&year=2019', '?unit=STTTT&year=2020']);
    // Both went out before the view's code had arrived (had the view asked, it would be after).
    expect(chunkDone).toBeLessThan(Infinity);
    for (const x of seen) expect(x.at).toBeLessThanOrEqual(chunkDone);
  });

  it('trends draw their charts (canvas not blank), with a data table beside each', async () => {
    const d = await open();
    const t0 = Date.now();
    await d.goto('/trends?unit=STTTT&year=2020');
    const n = await d.waitForCharts(d.view('trends'));
    metrics.timeToChartsMs = Date.now() - t0;
    // The same seen from the page: navigation start → every chart painted (first load, empty cache).
    metrics.timeToChartsInPageMs = Math.round(await d.page.evaluate(() => performance.now()));
    expect(n).toBe(4);
    const details = d.view('trends').locator('section[data-category=electricity] details');
    await details.locator('summary').click();
    const table = await details.locator('table').innerText();
    expect(table).toContain('Tháng 1/2020');
    expect(table).toContain('kWh');
    await d.screenshot('trends-desktop');
    // Category filter is part of the URL.
    await d.view('trends').locator('select#category').selectOption('phone');
    await expect.poll(() => new URL(d.page.url()).searchParams.get('category')).toBe('phone');
    expect(await d.waitForCharts(d.view('trends'))).toBe(1);
  });

  it("builds a view's charts one per frame in page order, its tables after the first chart, and exports a chart still waiting for its turn", async () => {
    const d = await open();
    // Every animation frame: which of the page's charts are built, in document order, and how many
    // data tables there are ("1100/4").
    await d.page.addInitScript(() => {
      const w = window as unknown as { __built: string[] };
      w.__built = [];
      const find = (root: Document | ShadowRoot, out = { charts: [] as Element[], tables: 0 }) => {
        root.querySelectorAll('*').forEach((el) => {
          if (el.tagName === 'TK-CHART') out.charts.push(el);
          if (el.getAttribute('data-testid') === 'trends-table') out.tables++;
          if (el.shadowRoot) find(el.shadowRoot, out);
        });
        return out;
      };
      const tick = () => {
        const { charts: all, tables } = find(document);
        const built = all
          .map((el) => ((el as unknown as { controller: { chart: unknown } }).controller.chart ? '1' : '0'))
          .join('');
        const s = built ? `${built}/${tables}` : '';
        // Second load (flag in sessionStorage): in the frame where only the first chart is built,
        // export the last one, which is still waiting for its turn.
        if (built === '1000' && sessionStorage.getItem('tk-test-export-waiting')) {
          (w as unknown as { __png: string | null }).__png = (all[3] as unknown as { toPng(): string | null }).toPng();
          return;
        }
        if (s && s !== w.__built[w.__built.length - 1]) w.__built.push(s);
        if (s !== '1111/4') requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await d.goto('/trends?unit=STTTT&year=2020');
    expect(await d.waitForCharts(d.view('trends'))).toBe(4);
    const states = await d.page.evaluate(() => (window as unknown as { __built: string[] }).__built);
    // Never a later chart before an earlier one, and a frame where only the first was drawn, before
    // any table was filled; in the end every chart and its table.
    for (const s of states) expect(s, states.join(' → ')).toMatch(/^1*0*\/\d$/);
    expect(states, states.join(' → ')).toContain('1000/0');
    expect(states[states.length - 1]).toBe('1111/4');

    // An export cannot wait for a chart's frame: asked while the last chart is still waiting for
    // its turn, that chart is built and exported.
    await d.page.evaluate(() => sessionStorage.setItem('tk-test-export-waiting', '1'));
    await d.goto('/trends?unit=STTTT&year=2020');
    await d.page.waitForFunction(() => '__png' in window);
    const png = await d.page.evaluate(() => (window as unknown as { __png: string | null }).__png);
    expect(png).toMatch(/^data:image\/png;base64,/);
  });

  it('compare ranks the sub-units in a chart and a sortable table', async () => {
    const d = await open();
    await d.goto('/compare?unit=STTTT&year=2026');
    await d.waitForCharts(d.view('compare'));
    const table = d.view('compare').locator('[data-testid=compare-table]');
    expect(await table.locator('tbody tr').count()).toBe(5);
    const overall = table.locator('th[aria-sort]').last();
    await overall.locator('button').click();
    expect(await overall.getAttribute('aria-sort')).toBe('descending');
    await d.screenshot('compare-desktop');
  });

  it('an upload shows the preview with the changed value, then stores it', async () => {
    const d = await open();
    // Make the sample differ from what is stored by one value, so the preview has a diff to show.
    const put = await d.api('PUT', '/api/figures', {
      unitCode: 'STTTT-VP',
      categoryCode: 'stationery',
      period: '2025-01',
      amount: 1,
    });
    expect(put.status).toBe(200);
    await d.goto('/upload');
    await d.chooseUploadFile(path.join(FIXTURES, 'figures-wide-vi-2025.csv'));
    const preview = d.view('upload').locator('[data-testid=preview]');
    await preview.waitFor();
    expect(await preview.locator('[data-count=rows] strong').innerText()).toBe('60');
    expect(await preview.locator('[data-count=updated] strong').innerText()).toBe('1');
    const diff = await preview.locator('[data-testid=changes]').innerText();
    // The row is named in words, not by its key STTTT-VP/stationery/2025-01.
    expect(diff).toContain('Văn phòng Sở · Văn phòng phẩm · Tháng 1/2025');
    expect(diff).not.toContain('STTTT-VP/');
    expect(diff).toContain('1.542.000');
    await d.screenshot('upload-preview-desktop');
    // Nothing stored by the preview.
    expect(
      (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-01&to=2025-01&category=stationery')).body.figures[0]
        .amount,
    ).toBe(1);
    await preview.locator('[data-testid=confirm]').click();
    await d.view('upload').locator('[data-testid=stored]').waitFor();
    expect(
      (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-01&to=2025-01&category=stationery')).body.figures[0]
        .amount,
    ).toBe(1542000);
    // After saving: a link to the unit's overview for the month stored.
    const link = d.view('upload').locator('[data-testid=stored-link]');
    expect(await link.getAttribute('href')).toBe('/overview?unit=STTTT-VP&year=2025');
    expect(await link.innerText()).toContain('tháng 1/2025');
  });

  it('an upload with mistakes shows every error and stores nothing', async () => {
    const d = await open();
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'figures-with-errors.expected.json'), 'utf8')) as {
      errors: Array<{ row: number; column: string }>;
    };
    // The server answers a rejected file with 422, which chromium logs as a failed resource.
    d.allowConsoleError(/status of 422 .*\/api\/imports/);
    const before = (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-01&to=2025-12')).body.figures.length;
    await d.goto('/upload');
    await d.chooseUploadFile(path.join(FIXTURES, 'figures-with-errors.csv'));
    const errors = d.view('upload').locator('[data-testid=errors]');
    await errors.waitFor();
    expect(await errors.locator('h2').innerText()).toContain('7 lỗi');
    const rows = await errors.locator('[data-testid=error-rows] tbody tr').allInnerTexts();
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => Number(r.split('\t')[0]))).toEqual(expected.errors.map((e) => e.row));
    expect(rows.map((r) => r.split('\t')[1])).toEqual(expected.errors.map((e) => e.column));
    expect(await errors.locator('a[download]').getAttribute('href')).toBeTruthy();
    expect(await d.view('upload').locator('[data-testid=confirm]').count()).toBe(0);
    await d.screenshot('upload-errors-desktop');
    expect((await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-01&to=2025-12')).body.figures.length).toBe(before);
  });

  it('a file dropped on the page gets the same check as a chosen one', async () => {
    const d = await open();
    d.allowConsoleError(/status of 422 .*\/api\/imports/);
    await d.goto('/upload');
    await d.dropUploadFile(path.join(FIXTURES, 'figures-with-errors.csv'));
    const errors = d.view('upload').locator('[data-testid=errors]');
    await errors.waitFor();
    expect(await errors.locator('[data-testid=error-rows] tbody tr').count()).toBe(7);
  });

  it('figures: edit one value and see its history', async () => {
    const d = await open();
    await d.goto('/figures?unit=STTTT-VP&year=2025');
    const table = d.view('figures').locator('[data-testid=figures-table]');
    await table.waitFor();
    await table.locator('tbody tr').nth(1).locator('td button').first().click();
    const editor = d.view('figures').locator('[data-testid=figure-editor]');
    await editor.locator('input#amount').fill('760.000');
    await editor.locator('button[type=submit]').click();
    await expect
      .poll(
        async () =>
          (await d.api('GET', '/api/figures?unit=STTTT-VP&from=2025-02&to=2025-02&category=stationery')).body.figures[0]
            ?.amount,
      )
      .toBe(760000);
    await expect.poll(() => editor.locator('tbody tr').count()).toBeGreaterThan(0);
    await d.screenshot('figures-desktop');
  });

  it('settings show inherited values and where they come from', async () => {
    const d = await open();
    await d.goto('/settings?unit=STTTT-VP&year=2020');
    const table = d.view('settings').locator('[data-testid=settings-table]');
    await table.waitFor();
    expect(await table.locator('tr[data-category=electricity]').innerText()).toContain('5.000 kWh');
    expect(await table.innerText()).toContain('kế thừa từ Sở Thông tin và Truyền thông');
    await d.screenshot('settings-desktop');
  });

  it('settings: a unit sets its own target, then removes it and inherits again; recipients can be added and removed', async () => {
    const d = await open();
    await d.goto('/settings?unit=STTTT-TT&year=2026');
    const view = d.view('settings');
    const row = view.locator('[data-testid=settings-table] tr[data-category=phone]');
    await row.waitFor();
    await row.locator('button').click();
    const editor = view.locator('[data-testid=setting-editor]');
    await editor.locator('input#s-target').fill('12,5');
    await editor.locator('button[type=submit]').click();
    await expect.poll(() => row.innerText()).toContain('12,5%');
    expect(await row.innerText()).toContain('của đơn vị này');
    await row.locator('button').click();
    await editor.getByRole('button', { name: 'Xóa thiết lập riêng' }).click();
    await expect.poll(() => row.innerText()).not.toContain('12,5%');
    expect(await row.innerText()).toContain('kế thừa từ');

    const panel = view.locator('tk-recipients-panel');
    await panel.locator('input#r-name').fill('Bí thư Chi bộ');
    await panel.locator('input#r-email').fill('bithu.tt@example.gov.vn');
    await panel.locator('button[type=submit]').click();
    const added = panel.locator('tbody tr', { hasText: 'bithu.tt@example.gov.vn' });
    await added.waitFor();
    await added.getByRole('button').click();
    await expect.poll(() => panel.locator('tbody tr', { hasText: 'bithu.tt@example.gov.vn' }).count()).toBe(0);
  });

  it('switches to English and remembers it', async () => {
    const d = await open();
    await d.goto('/overview?unit=STTTT&year=2020');
    await d.card('phone').waitFor();
    await d.switchLanguage('en');
    expect(await d.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await d.nav('overview').innerText()).toBe('Overview');
    expect(await d.card('phone').locator('[data-testid=verdict]').innerText()).toContain('Target met');
    expect(await d.card('stationery').innerText()).toContain('10.0%');
    expect(await d.view('overview').locator('[data-testid=sentence]').innerText()).toContain(
      '2020: stationery down 10%',
    );
    await d.page.reload();
    await d.card('phone').waitFor();
    expect(await d.nav('overview').innerText()).toBe('Overview');
    await d.screenshot('overview-english-desktop');
    await d.switchLanguage('vi');
    expect(await d.nav('overview').innerText()).toBe('Tổng quan');
    expect(await d.page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('at phone width no view scrolls sideways', async () => {
    const d = await open(PHONE);
    const views: Array<[string, string, string]> = [
      ['overview', '/overview?unit=STTTT&year=2020', 'article[data-category=phone]'],
      ['trends', '/trends?unit=STTTT&year=2020', 'canvas'],
      ['compare', '/compare?unit=STTTT&year=2026', 'canvas'],
      ['upload', '/upload', 'input#file'],
      ['figures', '/figures?unit=STTTT-VP&year=2025', 'table'],
      ['settings', '/settings?unit=STTTT-VP&year=2020', 'table'],
    ];
    const overflow: Record<string, number> = {};
    for (const [id, url, ready] of views) {
      await d.goto(url);
      await d.view(id).locator(ready).first().waitFor();
      if (ready === 'canvas') await d.waitForCharts(d.view(id));
      overflow[id] = await d.horizontalOverflow();
      await d.screenshot(`${id}-phone`);
    }
    expect(overflow).toEqual(Object.fromEntries(views.map(([id]) => [id, 0])));
  });

  it('sends a signed-out visitor to the sign-in page, remembering where they were going', async () => {
    const d = await open(DESKTOP, false);
    const status = await d.api('GET', '/api/units');
    if (status.status !== 401) return; // no accounts on this server: nothing to sign in to
    d.allowConsoleError(/status of 401/);
    await d.page.goto(`${session.server.baseUrl}/overview?unit=STTTT&year=2020`);
    await expect.poll(() => new URL(d.page.url()).pathname).toBe('/login');
    expect(new URL(d.page.url()).searchParams.get('next')).toBe('/overview?unit=STTTT&year=2020');
  });

  it('navigates by keyboard-reachable links and keeps unit and year in the URL', async () => {
    const d = await open();
    await d.goto('/overview?unit=STTTT&year=2020');
    await d.card('phone').waitFor();
    await d.selectUnit('STTTT-VP');
    await expect.poll(() => new URL(d.page.url()).searchParams.get('unit')).toBe('STTTT-VP');
    await d.nav('trends').focus();
    await d.page.keyboard.press('Enter');
    await expect.poll(() => new URL(d.page.url()).pathname).toBe('/trends');
    expect(new URL(d.page.url()).searchParams.get('unit')).toBe('STTTT-VP');
    expect(new URL(d.page.url()).searchParams.get('year')).toBe('2020');
    await d.page.goBack();
    // STTTT-VP has no 2020 figures in the demo: its overview says so in words.
    await d.view('overview').locator('[data-testid=empty]').waitFor();
    expect(new URL(d.page.url()).pathname).toBe('/overview');
    expect(await d.unitBox().inputValue()).toBe('Văn phòng Sở');
  });
});
