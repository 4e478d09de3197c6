/**
 * Web: the first-load JS and CSS of the built dashboard (dist/index.html's entry script,
 * modulepreloads and stylesheets, gzipped), and the time from navigation to the first chart
 * painted (a canvas with pixels drawn) on the trends view in headless chromium, median of
 * BENCH_LOADS (5) loads, each in a fresh browser context (empty cache, signed in), against the
 * real app (NODE_ENV=production, compiled, as `npm start` runs it) with the demo agency. The
 * reference is the goal itself.
 *
 * Also the bytes the browser actually received until that first chart (bodies and headers, as
 * sent: compressed when the server compressed them; Chrome's encodedDataLength), beside the same
 * responses' bodies decoded, which is what went over the wire before compression (issue 17).
 */
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureBuilt, firstLoadSizes } from '../test/browser/helpers/build.ts';
import { log, median, startApp, tempDir, type Row } from './lib.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PAGE = '/trends?unit=STTTT&year=2025';
/**
 * Evaluated in the page every animation frame (a string: tsx would add helpers a page lacks):
 * ms since navigation start once some canvas, in any shadow root, has more than 500 painted pixels.
 */
const PAINTED = `(() => {
  const painted = (el) => {
    if (el.width === 0 || el.height === 0) return false;
    const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0 && ++n > 500) return true;
    return false;
  };
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLCanvasElement && painted(el)) return true;
      if (el.shadowRoot && walk(el.shadowRoot)) return true;
    }
    return false;
  };
  return walk(document) ? performance.now() : false;
})()`;

export async function benchWeb(): Promise<Row[]> {
  const loads = Number(process.env.BENCH_LOADS ?? 5);
  log('web: building the dashboard if dist/ is stale…');
  ensureBuilt();
  const sizes = firstLoadSizes();
  const jsKB = sizes.jsGzip / 1024;
  const totalKB = sizes.totalGzip / 1024;
  const out: Row[] = [
    {
      figure: 'first-load JS + CSS, gzip KB',
      ours: totalKB,
      reference: 100,
      unit: '',
      ratio: totalKB / 100,
      goal: '≤100 KB',
      met: totalKB <= 100,
      note: `${sizes.files.map((f) => `${path.basename(f.file)} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')}; JS alone ${jsKB.toFixed(1)} KB`,
    },
  ];
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);

  const dir = tempDir('web');
  log('web: starting the app with the demo agency…');
  const app = await startApp(path.join(dir, 'demo.sqlite'), { SEED_DEMO: '1' }, dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const times: number[] = [];
    const wire: number[] = [];
    const decoded: number[] = [];
    for (let k = 0; k <= loads; k++) {
      // bypassCSP: our strict CSP (no eval) would refuse the probe below; the app's own scripts are unaffected.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      try {
        const r = await context.request.post(`${app.base}/api/auth/login`, {
          data: { email: 'admin@demo.tietkiem.vn', password: 'demo-admin-2026' },
          headers: { origin: app.base },
        });
        if (!r.ok()) throw new Error(`sign-in failed: ${r.status()} ${await r.text()}`);
        const page = await context.newPage();
        // Bytes received: per response, all of it as sent (encodedDataLength) and its body decoded.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        let wireBytes = 0;
        let bodyBytes = 0;
        cdp.on('Network.loadingFinished', (e) => (wireBytes += e.encodedDataLength));
        cdp.on('Network.dataReceived', (e) => (bodyBytes += e.dataLength));
        await page.goto(app.base + PAGE, { waitUntil: 'commit' });
        // Checked every animation frame; the page's own clock: ms since navigation start.
        const handle = await page.waitForFunction(PAINTED, undefined, { polling: 'raf', timeout: 30_000 });
        const ms = (await handle.jsonValue()) as number;
        const [onWire, raw] = [wireBytes, bodyBytes];
        await cdp.detach();
        // The first load warms the server (JIT, SQLite page cache) and is not counted.
        if (k > 0) {
          times.push(ms);
          wire.push(onWire);
          decoded.push(raw);
        }
        log(
          `web: load ${k}${k === 0 ? ' (warm-up)' : ''}: first chart painted at ${Math.round(ms)} ms; ${(onWire / 1024).toFixed(1)} KB received (${(raw / 1024).toFixed(1)} KB decoded)`,
        );
      } finally {
        await context.close();
      }
    }
    const med = median(times);
    out.push({
      figure: `navigation → first chart painted (${PAGE}), median ms`,
      ours: med,
      reference: 1000,
      unit: '',
      ratio: med / 1000,
      goal: '≤1,000 ms',
      met: med <= 1000,
      note: `${loads} loads, each a fresh context (empty cache): ${times.map((t) => Math.round(t)).join(', ')} ms`,
    });
    const wireKB = median(wire) / 1024;
    const rawKB = median(decoded) / 1024;
    out.push({
      figure: `bytes received until the first chart (${PAGE}), KB`,
      ours: wireKB,
      reference: rawKB,
      unit: '',
      ratio: wireKB / rawKB,
      goal: 'compressed (ref: the same bodies uncompressed)',
      met: wireKB < rawKB / 2,
      note: `median of ${loads} loads; received = bodies as sent (br) plus headers; ref = the same bodies decoded`,
    });
  } finally {
    await browser.close();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
