/**
 * Writes the OpenAPI document the app serves at /api/openapi.json to a file (default
 * test-artifacts/openapi.json), without a database or a listener: `npm run lint:api` lints it
 * with @redocly/cli (redocly.yaml), and anyone may feed it to a client generator.
 * @example npx tsx scripts/openapi.ts test-artifacts/openapi.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../server/app.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { openDatabase } from '../server/db/connection.ts';
import { systemClock } from '../server/clock.ts';

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'test-artifacts/openapi.json';
  // Routes are built without touching the database; an unmigrated in-memory one stands in.
  const handle = openDatabase(':memory:');
  try {
    const env = parseEnv({ NODE_ENV: 'test', DATABASE_URL: ':memory:', SEED_DEMO: '0', JOBS_ENABLED: '0' });
    const app = createApp({
      db: handle.db,
      dialect: handle.dialect,
      env,
      logger: createLogger('silent'),
      clock: systemClock,
    });
    const res = await app.request('/api/openapi.json');
    if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(await res.json(), null, 2) + '\n');
  } finally {
    await handle.close();
  }
}

await main();
