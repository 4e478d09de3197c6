/** CLI: `norms` — import norms and targets (norms import FILE [--dry-run] [--accept-warnings] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../imports.ts';
import { cliCaller } from '../../auth/caller.ts';

export const normsCommand: CliCommand = {
  name: 'norms',
  summary: 'import norms and targets (norms import FILE [--dry-run] [--accept-warnings] [--json])',
  usage: 'npm run cli -- norms import FILE [--dry-run] [--accept-warnings] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'norms', args, cliCaller()),
};
