/** Column the imports feature adds to the core `imports` table (migration 20261123200000_import_headers). */
import '../db/schema.ts';

declare module '../db/schema.ts' {
  interface ImportTable {
    /** JSON list of the file's header cells; null when the file had no recognisable header. */
    headers: string | null;
  }
}
export {};
