/**
 * The CLI's command groups; each feature owns one module in ./commands/. A module is imported only
 * when its command runs (or for --help), so that heavy libraries (exceljs, pdfkit, docx,
 * nodemailer, pg) load only for the commands that use them.
 */
import type { CliCommand } from './context.ts';

export const commands: Record<string, () => Promise<CliCommand>> = {
  units: async () => (await import('./commands/units.ts')).unitsCommand,
  norms: async () => (await import('./commands/norms.ts')).normsCommand,
  figures: async () => (await import('./commands/figures.ts')).figuresCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  results: async () => (await import('./commands/results.ts')).resultsCommand,
  jobs: async () => (await import('./commands/jobs.ts')).jobsCommand,
  locks: async () => (await import('./commands/locks.ts')).locksCommand,
  emails: async () => (await import('./commands/emails.ts')).emailsCommand,
  recipients: async () => (await import('./commands/recipients.ts')).recipientsCommand,
  db: async () => (await import('./commands/db.ts')).dbCommand,
  users: async () => (await import('./commands/users.ts')).usersCommand,
  tokens: async () => (await import('./commands/tokens.ts')).tokensCommand,
  report: async () => (await import('./commands/report.ts')).reportCommand,
  bloc: async () => (await import('./commands/bloc.ts')).blocCommand,
  invoices: async () => (await import('./commands/invoices.ts')).invoicesCommand,
};
