/** CLI: `norms` — import norms and targets (norms import FILE [--dry-run] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../../imports/import-cli.ts';

export const normsCommand: CliCommand = {
  name: 'norms',
  summary: 'import norms and targets (norms import FILE [--dry-run] [--json])',
  usage: 'npm run cli -- norms import FILE [--dry-run] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'norms', args),
};
