/** What a CLI command gets: env, output streams, and the database opened on first use. */
import type { Env } from '../env.ts';
import type { Clock } from '../clock.ts';
import type { AppDeps } from '../deps.ts';

export interface CliContext {
  env: Env;
  clock: Clock;
  out(line: string): void;
  err(line: string): void;
  /** Opens and migrates the database named by DATABASE_URL (once) and returns the deps. */
  deps(): Promise<AppDeps>;
  stdin: NodeJS.ReadableStream;
}

/** A command group, e.g. `figures` with sub-commands `import`. Returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(ctx: CliContext, args: string[]): Promise<number>;
}

/** Thrown for a bad command line: the CLI prints the message and the usage, exits 2. */
export class UsageError extends Error {}
