/** CLI: `units` — import the unit tree (units import FILE [--dry-run] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../../imports/import-cli.ts';

export const unitsCommand: CliCommand = {
  name: 'units',
  summary: 'import the unit tree (units import FILE [--dry-run] [--json])',
  usage: 'npm run cli -- units import FILE [--dry-run] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'units', args),
};
