/**
 * Configuration from the environment, validated with zod once at start-up. A bad value stops
 * the process with a message naming the variable; nothing reads process.env elsewhere.
 */
import { z } from 'zod';
import cron from 'node-cron';
import { DEFAULT_CLOSE_SCHEDULE } from '../domain/close-schedule.ts';

/** A node-cron expression (5 or 6 fields), read in Asia/Ho_Chi_Minh time. */
const cronExpression = (def: string) =>
  z
    .string()
    .default(def)
    .refine((v) => cron.validate(v), 'không phải biểu thức cron (ví dụ "0 8 3 * *": 08:00 ngày 3 hằng tháng)');

const flag = (def: '0' | '1') =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .default(def)
    .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** HTTP port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on. */
    HOST: z.string().default('0.0.0.0'),
    /** A SQLite file path (default) or a postgres:// URL. */
    DATABASE_URL: z.string().min(1).default('data/tietkiem.sqlite'),
    /** PostgreSQL pool size per app instance. */
    PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** SQLite: how long a write waits for another process's lock (off the event loop) before 503 database_busy. */
    DB_BUSY_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(5),
    /** Shutdown: seconds /api/ready answers 503 before the listener closes, so a load balancer stops sending traffic. */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(300).default(0),
    /** Shutdown: the longest wait for running requests and jobs before the process exits anyway (exit code 1). */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(30),
    /** Load the demo agency into an empty database at start-up. */
    SEED_DEMO: flag('1'),
    /** pino level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Public address of the dashboard, used in email links. */
    BASE_URL: z.string().url().default('http://localhost:3000'),
    /** Largest upload accepted, in bytes. */
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(50 * 1024 * 1024),
    /** Plausibility (docs/domain.md): a new figure warns at ≥ this × or ≤ 1/this of its unit's median ... */
    PLAUSIBILITY_MEDIAN_RATIO: z.coerce.number().gt(1).default(5),
    /** ... over this many last submitted months ... */
    PLAUSIBILITY_HISTORY_MONTHS: z.coerce.number().int().min(1).max(36).default(12),
    /** ... or at ± this percent against the same month a year earlier ... */
    PLAUSIBILITY_YEAR_CHANGE_PCT: z.coerce.number().gt(0).lt(100).default(80),
    /** ... or at an electricity price (đồng per kWh) outside this range. */
    PLAUSIBILITY_PRICE_MIN: z.coerce.number().int().min(0).default(1000),
    PLAUSIBILITY_PRICE_MAX: z.coerce.number().int().min(1).default(10000),
    /** Run the scheduler (monthly close, email sender) in this process. */
    JOBS_ENABLED: flag('1'),
    /** node-cron expression for the monthly close, in Asia/Ho_Chi_Minh time (02:00 on the 6th). */
    CLOSE_SCHEDULE: z.string().default(DEFAULT_CLOSE_SCHEDULE),
    /** Monthly close: a run whose holder died is taken over by another instance after this many seconds (at once when the holder provably died on this host). */
    CLOSE_LEASE_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(15 * 60),
    /** Monthly close: a close that failed, or is held by a holder that may be dead, is tried again after this many seconds. */
    CLOSE_RETRY_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Reminders: when each finance officer of a unit that has not submitted last month gets one reminder (08:00 on the 3rd). */
    REMINDER_SCHEDULE: cronExpression('0 8 3 * *'),
    /** Reminders: when each unit head of a unit still missing is told (08:00 on the 5th, the due day). */
    ESCALATION_SCHEDULE: cronExpression('0 8 5 * *'),
    /** TEST ONLY: the clock of this process starts at this instant (ISO 8601) and runs on; refused in production. */
    CLOCK_START: z.iso.datetime({ offset: true }).optional(),
    /** TEST ONLY: pause this long inside the close transaction (after snapshots and emails are queued), so tests can kill the holder mid-run. */
    CLOSE_TEST_DELAY_MS: z.coerce.number().int().min(0).default(0),
    /** SMTP server, e.g. smtp://user:pass@mail.example.gov.vn:587; unset writes .eml files to OUTBOX_DIR. */
    SMTP_URL: z.string().optional(),
    /** Sender address of the summary emails. */
    MAIL_FROM: z.string().default('Tiết Kiệm <tietkiem@localhost>'),
    /** Where .eml files go when SMTP_URL is unset. */
    OUTBOX_DIR: z.string().default('data/outbox'),
    /** Emails: tries per message before it is marked failed and listed for administrators. */
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
    /** Emails: first retry after this many seconds, doubling each try (60 s, 2 min, 4 min, ...). */
    EMAIL_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Emails: a claimed message is someone else's to retry after this many seconds (sender crashed). */
    EMAIL_LEASE_SECONDS: z.coerce.number().int().min(10).default(300),
    /** Emails: how often the sender loop looks for due messages. */
    EMAIL_SEND_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(30),
    /** Accounts: a session ends after this many minutes without a request ... */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
    /** ... and at the latest this many hours after sign-in. */
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    /**
     * Sign-in lockout (server/auth/throttle.ts). Failed sign-ins of one account from one client (an
     * address, or a browser that signed in before) before that client waits ...
     */
    LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(5),
    /** ... failures of one account from all unknown browsers together before they all wait (known browsers still get in) ... */
    LOGIN_MAX_FAILURES_ACCOUNT_TOTAL: z.coerce.number().int().min(1).default(20),
    /** ... distinct accounts with a failure from one client address before unknown browsers there wait ... */
    LOGIN_MAX_FAILURES_ADDRESS: z.coerce.number().int().min(1).default(20),
    /** ... the first wait, doubled with each further failure up to LOGIN_BACKOFF_MAX_MINUTES ... */
    LOGIN_BACKOFF_SECONDS: z.coerce.number().int().min(1).default(60),
    LOGIN_BACKOFF_MAX_MINUTES: z.coerce.number().int().min(1).default(60),
    /** ... and how long a failure counts. */
    LOGIN_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(24 * 60),
    /** How long a browser that signed in stays known (its device cookie), in days. */
    LOGIN_DEVICE_DAYS: z.coerce.number().int().min(1).default(90),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For (only then). */
    TRUST_PROXY: flag('0'),
  })
  .refine((e) => !(e.CLOCK_START && e.NODE_ENV === 'production'), {
    path: ['CLOCK_START'],
    message: 'CLOCK_START is for tests only and is refused when NODE_ENV=production',
  });
export type Env = z.infer<typeof EnvSchema>;

/** Parse an environment (process.env by default); throws a readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const empty = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = EnvSchema.safeParse(empty);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
