/** CLI: `units` — import the unit tree (units import FILE [--dry-run] [--accept-warnings] [--json]). */
import type { CliCommand } from '../context.ts';
import { runImportCommand } from '../imports.ts';
import { cliCaller } from '../../auth/caller.ts';

export const unitsCommand: CliCommand = {
  name: 'units',
  summary: 'import the unit tree (units import FILE [--dry-run] [--accept-warnings] [--json])',
  usage: 'npm run cli -- units import FILE [--dry-run] [--accept-warnings] [--json]',
  run: (ctx, args) => runImportCommand(ctx, 'units', args, cliCaller()),
};
