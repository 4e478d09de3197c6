/** CLI: `figures` — import monthly figures (figures import FILE [--dry-run] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../../imports/import-cli.ts';

export const figuresCommand: CliCommand = {
  name: 'figures',
  summary: 'import monthly figures (figures import FILE [--dry-run] [--json])',
  usage: 'npm run cli -- figures import FILE [--dry-run] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'figures', args),
};
