/**
 * Columns the imports feature adds to the core `imports` table (migrations
 * 20261123200000_import_headers and 20261201120000_import_warnings).
 */
import type { Generated } from 'kysely';
import '../db/schema.ts';

declare module '../db/schema.ts' {
  interface ImportTable {
    /** JSON list of the file's header cells; null when the file had no recognisable header. */
    headers: string | null;
    /** JSON array of ImportWarning (capped like errors). */
    warnings: Generated<string>;
    warning_count: Generated<number>;
    /** Who confirmed the warnings of a stored import, and when (null when there were none). */
    warnings_accepted_by: string | null;
    warnings_accepted_at: string | null;
    /** The HTTP status of a refused or failed upload (413, 415, 500 …); null when it was read. */
    http_status: number | null;
  }
}
export {};
