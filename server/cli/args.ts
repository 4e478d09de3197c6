/** The command line of a CLI command: its options and the flags checked by a schema. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './context.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The options in `args` (node:util parseArgs, strict: no positionals, no unknown option). A bad
 * command line is a UsageError: the CLI prints it with the command's usage and exits 2.
 */
export function parseOptions<const T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A flag's value checked by `schema`; a UsageError naming the flag and what is wrong otherwise. */
export function parseFlag<T extends z.ZodType>(schema: T, value: unknown, flag: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${flag}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}
