/**
 * Starts the server: validate env, open and migrate the database, seed demo data into an empty
 * database, serve HTTP, start the scheduler.
 *
 * Graceful shutdown on SIGTERM/SIGINT: /api/ready turns 503 at once (load balancers drain this
 * instance) and, after SHUTDOWN_DRAIN_SECONDS, the listener closes: running requests finish, the
 * scheduler stops and its running job (a close, an email pass) finishes, then the database pool
 * closes. A second signal (a second later or more), or SHUTDOWN_TIMEOUT_SECONDS passing, exits at
 * once with code 1; work cut off that way is safe to redo because jobs hold leases that another
 * instance takes over. An email being sent is finished and marked sent; the rest of the pass
 * waits for the next start (or another instance).
 *
 * `npm start` runs the compiled copy of this file (build/server/index.js) with node as the one
 * process npm starts, so a signal to npm reaches it directly (npm forwards SIGTERM and SIGINT).
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { clockFromEnv } from './clock.ts';
import { openMigrated } from './bootstrap.ts';
import { createApp } from './app.ts';
import { seedDemoIfEmpty } from './demo/demo.service.ts';
import { startScheduler } from '../jobs/scheduler.ts';
import { withStartupLock } from './ops/startup-lock.ts';
import { LOCK_KEYS } from './db/lock-keys.ts';
import type { AppDeps } from './deps.ts';

/** A signal repeated within this time is the same request to stop (see shutdown below). */
const REPEATED_SIGNAL_MS = 1000;

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const handle = await openMigrated(env);
  let draining = false;
  const deps: AppDeps = {
    db: handle.db,
    dialect: handle.dialect,
    env,
    logger,
    clock: clockFromEnv(env),
    draining: () => draining,
  };

  // Instances starting together on an empty database take turns: the first loads, the others find units.
  if (env.SEED_DEMO && (await withStartupLock(env.DATABASE_URL, LOCK_KEYS.demoSeed, () => seedDemoIfEmpty(deps))))
    logger.info('demo data loaded');

  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port, database: handle.dialect }, `Tiết Kiệm listening on http://localhost:${info.port}`);
  }) as Server;
  const scheduler = env.JOBS_ENABLED ? await startScheduler(deps) : { stop: async () => {} };

  let stoppingSince = 0;
  const shutdown = async (signal: string) => {
    if (stoppingSince) {
      // Ctrl-C under `npm start` reaches us twice at once (from the terminal, and forwarded by
      // npm): only a signal that comes later is a second request.
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stoppingSince = Date.now();
    draining = true;
    logger.info({ signal, drainSeconds: env.SHUTDOWN_DRAIN_SECONDS }, 'shutting down: draining');
    const force = setTimeout(() => {
      logger.error(
        { timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS },
        'shutdown timed out: exiting with work unfinished',
      );
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    force.unref();
    try {
      if (env.SHUTDOWN_DRAIN_SECONDS > 0) await new Promise((r) => setTimeout(r, env.SHUTDOWN_DRAIN_SECONDS * 1000));
      // Stop accepting and let running requests finish, while the scheduler lets its running job finish.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // close() drops the connections idle now; a keep-alive connection whose request finishes
      // later would otherwise linger until keepAliveTimeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      await Promise.all([closed.finally(() => clearInterval(sweep)), scheduler.stop()]);
      await handle.close();
      logger.info('shut down cleanly');
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
