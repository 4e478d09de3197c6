/**
 * Every advisory lock key of the app, in one place so that two features never pick the same
 * number by accident, nor different numbers for what must be one lock. PostgreSQL only: on SQLite
 * a write transaction already excludes the others (server/db/dialect.ts lockForWrite).
 * The 7_2xx_xxx range is the app's.
 */
export const LOCK_KEYS = {
  /** Every write of figures: imports (spreadsheets, e-invoices) and hand corrections (transaction lock). */
  figures: 7_200_001,
  /** The monthly close's snapshot writes (transaction lock). */
  monthlyClose: 7_200_010,
  /** Seeding the demo agency at start-up, so two instances starting on one empty database seed it once (session lock). */
  demoSeed: 7_200_100,
} as const;
