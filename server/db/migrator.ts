/**
 * Runs the timestamp-named migrations in server/db/migrations (the folder is the list; there is
 * no hand-kept registry to drift). Migrations use Kysely<any> and never import app code.
 * The provider imports the files from our own code (not Kysely's FileMigrationProvider) so that
 * tsx and Vitest load the .ts files and the compiled server (build/) the .js files, under the same
 * names (the file name without its extension).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const MIGRATION_FILE = /^\d{14}_[\w-]+\.[jt]s$/;

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      out[f.replace(/\.[jt]s$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
    }
    return out;
  }
}

/** The migration names this code ships (file names without extension), without importing them. */
async function migrationNames(): Promise<string[]> {
  return (await fs.readdir(MIGRATIONS_DIR))
    .filter((f) => MIGRATION_FILE.test(f))
    .map((f) => f.replace(/\.[jt]s$/, ''))
    .sort();
}

async function appliedNames(db: Kysely<any>): Promise<string[]> {
  try {
    return (await db.selectFrom('kysely_migration').select('name').execute()).map((r) => String(r.name));
  } catch {
    return []; // no migration table yet
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Every start (and every CLI command) comes here; when nothing is pending, one query answers
  // without importing each migration file.
  const applied = new Set(await appliedNames(db));
  if ((await migrationNames()).every((n) => applied.has(n))) return [];
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * How the database compares with the migrations this code ships: `pending` are files not yet
 * applied, `unknown` are applied names this code does not have (a newer version migrated it).
 * Readiness uses it; a database without the migration table has everything pending.
 */
export async function migrationStatus(
  db: Kysely<any>,
): Promise<{ applied: number; pending: string[]; unknown: string[] }> {
  const files = await migrationNames();
  const applied = await appliedNames(db);
  const done = new Set(applied);
  const known = new Set(files);
  return {
    applied: applied.length,
    pending: files.filter((f) => !done.has(f)),
    unknown: applied.filter((a) => !known.has(a)),
  };
}
