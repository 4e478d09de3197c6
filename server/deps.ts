/** What every service, route and job receives: the database handle is a parameter, never a singleton. */
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/schema.ts';
import type { DialectName } from './db/dialect.ts';

export interface AppDeps {
  db: Db;
  dialect: DialectName;
  env: Env;
  logger: Logger;
  clock: Clock;
  /**
   * Set by server/index.ts: true once shutdown has begun, so /api/ready answers 503 and load
   * balancers stop sending traffic while running requests and jobs finish. Absent in tests/CLI.
   */
  draining?: () => boolean;
}
