/**
 * The operator's command line: `npm run cli -- <command> ...`. Every command calls the same
 * services as the HTTP API, on the database named by DATABASE_URL.
 * Exit codes: 0 done, 1 refused or failed (e.g. a rejected file), 2 usage error.
 */
import { parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { clockFromEnv } from './clock.ts';
import { openMigrated } from './bootstrap.ts';
import type { AppDeps } from './deps.ts';
import type { DatabaseHandle } from './db/connection.ts';
import { commands } from './cli/commands.ts';
import { databaseFault } from './db/errors.ts';
import { UsageError, type CliContext } from './cli/context.ts';

async function help(): Promise<string> {
  const lines = ['Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const c of await Promise.all(Object.values(commands).map((load) => load())))
    lines.push(`  ${c.name.padEnd(12)} ${c.summary}`);
  return lines.join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write((await help()) + '\n');
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`Unknown command: ${name}\n\n${await help()}\n`);
    return 2;
  }
  const command = await load();
  let env;
  try {
    env = parseEnv();
  } catch (e) {
    process.stderr.write((e as Error).message + '\n');
    return 2;
  }
  // Logs go to stderr so that --json output on stdout stays one clean object.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 2);
  let handle: DatabaseHandle | undefined;
  let deps: AppDeps | undefined;
  const clock = clockFromEnv(env);
  const ctx: CliContext = {
    env,
    clock,
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    stdin: process.stdin,
    deps: async () => {
      if (!deps) {
        handle = await openMigrated(env);
        deps = { db: handle.db, dialect: handle.dialect, env, logger, clock };
      }
      return deps;
    },
  };
  try {
    return await command.run(ctx, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\nUsage: ${command.usage}\n`);
      return 2;
    }
    // A database fault is worded for the operator (disk full, locked, connection lost), never a follow-up error.
    process.stderr.write(`Lỗi: ${(databaseFault(e) ?? (e as Error)).message}\n`);
    return 1;
  } finally {
    await handle?.close();
  }
}

// Exit once stdout has been written out: into a pipe, process.exit right away cut a long listing
// (10,000 warnings) after a few hundred lines.
void runCli(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
