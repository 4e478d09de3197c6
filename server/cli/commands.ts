/** The CLI's command groups; each feature owns one module in ./commands/. */
import type { CliCommand } from './context.ts';
import { unitsCommand } from './commands/units.ts';
import { normsCommand } from './commands/norms.ts';
import { figuresCommand } from './commands/figures.ts';
import { demoCommand } from './commands/demo.ts';
import { resultsCommand } from './commands/results.ts';
import { jobsCommand } from './commands/jobs.ts';
import { locksCommand } from './commands/locks.ts';
import { emailsCommand } from './commands/emails.ts';
import { recipientsCommand } from './commands/recipients.ts';
import { dbCommand } from './commands/db.ts';
import { usersCommand } from './commands/users.ts';
import { tokensCommand } from './commands/tokens.ts';
import { reportCommand } from './commands/report.ts';
import { blocCommand } from './commands/bloc.ts';
import { invoicesCommand } from './commands/invoices.ts';

export const commands: CliCommand[] = [
  unitsCommand,
  normsCommand,
  figuresCommand,
  demoCommand,
  resultsCommand,
  jobsCommand,
  locksCommand,
  emailsCommand,
  recipientsCommand,
  dbCommand,
  usersCommand,
  tokensCommand,
  reportCommand,
  blocCommand,
  invoicesCommand,
];
