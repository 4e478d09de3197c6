/** CLI: `figures` — import monthly figures (figures import FILE [--dry-run] [--accept-warnings] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../../imports/import-cli.ts';
import { cliActor } from './cli-actor.ts';

export const figuresCommand: CliCommand = {
  name: 'figures',
  summary:
    'import monthly figures (figures import FILE [--dry-run] [--accept-warnings] [--json]; exit 3: warnings to confirm)',
  usage: 'npm run cli -- figures import FILE [--dry-run] [--accept-warnings] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'figures', args, cliActor()),
};
