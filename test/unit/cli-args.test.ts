/** The CLI's option parsing (server/cli/args.ts): a bad command line is a usage error (exit 2 with the usage). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseFlag, parseOptions } from '../../server/cli/args.ts';
import { UsageError } from '../../server/cli/context.ts';

describe('CLI options', () => {
  it('reads the options given', () => {
    expect(
      parseOptions(['--period', '2026-10', '--json'], { period: { type: 'string' }, json: { type: 'boolean' } }),
    ).toEqual({
      period: '2026-10',
      json: true,
    });
  });

  it('an unknown option or a stray word is a UsageError', () => {
    expect(() => parseOptions(['--perod', '2026-10'], { period: { type: 'string' } })).toThrow(UsageError);
    expect(() => parseOptions(['stray'], { period: { type: 'string' } })).toThrow(UsageError);
  });

  it('a flag checked by a schema names the flag when it is wrong', () => {
    expect(parseFlag(z.enum(['read', 'write']), 'read', '--scope')).toBe('read');
    expect(() => parseFlag(z.enum(['read', 'write']), 'all', '--scope')).toThrow(/^--scope: /);
    expect(() => parseFlag(z.enum(['read', 'write']), 'all', '--scope')).toThrow(UsageError);
  });
});
