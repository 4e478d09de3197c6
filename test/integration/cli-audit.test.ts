/**
 * Every command-line change leaves the same audit row as the same change through the API
 * (docs/accounts.md: "CLI changes are audited"): the services record it, so each mutating CLI
 * command is run here as a real child process and its row is looked for, with the operator as
 * `cli:<login>` and actor_kind 'cli'. A new command must be listed below, as audited or as not a
 * change of the data people own (with the reason), or the first test fails.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { fixture } from '../fixtures/imports/fixtures.ts';
import { EINVOICES } from '../fixtures/imports/einvoices.ts';
import { commands } from '../../server/cli/commands.ts';

/** Command groups whose changes are audited, each exercised below. */
const AUDITED = [
  'units',
  'norms',
  'figures',
  'invoices',
  'jobs',
  'locks',
  'recipients',
  'emails',
  'bloc',
  'users',
  'tokens',
];
/** Command groups that change nothing people own (with the reason). */
const NOT_AUDITED: Record<string, string> = {
  results: 'read-only',
  report: 'read-only (writes the report file it is asked for)',
  demo: 'loads the demo agency as the system (rows by "demo"), as SEED_DEMO does at start-up',
  db: 'copies, backs up or migrates the database as a whole',
};

describe('CLI changes are audited', () => {
  let db: TestDb;
  let outbox: string;
  let seen = 0;
  const cli = async (args: string[], stdin?: string): Promise<CliResult> => {
    const r = await runCli(db.url, args, { stdin, env: { OUTBOX_DIR: outbox, SMTP_URL: '' } });
    expect(r.code, `${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
    return r;
  };
  /** The audit rows written since the last call: each action in `actions`, by the operator. */
  const expectAudited = async (...actions: string[]) => {
    const rows = await db.db
      .selectFrom('audit_log')
      .select(['id', 'action', 'actor', 'actor_kind'])
      .where('id', '>', seen)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(actions);
    for (const r of rows) {
      expect(r.actor_kind).toBe('cli');
      expect(r.actor).toMatch(/^cli:/);
    }
    seen = Math.max(seen, ...rows.map((r) => r.id));
  };

  beforeAll(async () => {
    db = await createTestDb();
    outbox = path.join(db.dir, 'outbox');
  });
  afterAll(() => db.close());

  it('lists every command group as audited or not, with the reason', () => {
    expect([...AUDITED, ...Object.keys(NOT_AUDITED)].sort()).toEqual(Object.keys(commands).sort());
  });

  it('imports, locks, recipients, resends, blocs, users and tokens each write their row', async () => {
    await cli(['units', 'import', fixture('units.csv')]);
    await expectAudited('units.import');
    await cli(['norms', 'import', fixture('norms-2020.csv')]);
    await expectAudited('norms.import');
    await cli(['figures', 'import', fixture('figures-long-2019-2020.csv')]);
    await expectAudited('figures.import');
    await cli(['invoices', 'accounts', 'import', path.join(EINVOICES, 'accounts.csv')]);
    await expectAudited('invoice-accounts.import');
    await cli(['invoices', 'import', path.join(EINVOICES, '2026-10')]);
    await expectAudited('invoices.import');

    await cli(['recipients', 'add', '--unit', 'STTTT', '--email', 'bithu@example.gov.vn']);
    await expectAudited('recipient.create');
    const { id: recipientId } = await db.db
      .selectFrom('recipients')
      .select('id')
      .where('email', '=', 'bithu@example.gov.vn')
      .executeTakeFirstOrThrow();
    await cli(['recipients', 'set', '--id', String(recipientId), '--lang', 'en']);
    await expectAudited('recipient.update');

    // A close by hand, then the month's summaries queued and sent by hand; resend one.
    await cli(['jobs', 'run', 'monthly', '--period', '2020-12']);
    await expectAudited('period.close');
    await cli(['emails', 'send', '--period', '2020-12']);
    await expectAudited('email.queue');
    const { id: messageId } = await db.db
      .selectFrom('email_outbox')
      .select('id')
      .where('period', '=', '2020-12')
      .executeTakeFirstOrThrow();
    await cli(['emails', 'resend', '--id', String(messageId)]);
    await expectAudited('email.resend');

    await cli(['locks', 'add', '--period', '2020-12']);
    await expectAudited('period.lock');
    await cli(['locks', 'remove', '--period', '2020-12']);
    await expectAudited('period.unlock');

    await cli(['bloc', 'create', '--name', 'Khối thử', '--year', '2020', '--members', 'STTTT-VP,STTTT-TT']);
    await expectAudited('bloc.create');
    const { id: blocId } = await db.db.selectFrom('blocs').select('id').executeTakeFirstOrThrow();
    await cli([
      'bloc',
      'score',
      '--bloc',
      String(blocId),
      '--unit',
      'STTTT-VP',
      '--criterion',
      'organisation',
      '--points',
      '18',
    ]);
    await expectAudited('bloc.scores');

    await cli(['recipients', 'remove', '--id', String(recipientId)]);
    await expectAudited('recipient.delete');

    await cli(
      ['users', 'add', '--role', 'officer', '--unit', 'STTTT', '--email', 'ketoan@stttt.gov.vn'],
      'mật khẩu thật dài 2026\n',
    );
    await expectAudited('user.create');
    await cli(['users', 'disable', '--email', 'ketoan@stttt.gov.vn']);
    await expectAudited('user.update');
    await cli(['tokens', 'create', '--email', 'ketoan@stttt.gov.vn', '--name', 'MISA', '--scope', 'read']);
    await expectAudited('token.create');
    const { id: tokenId } = await db.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow();
    await cli(['tokens', 'revoke', '--id', String(tokenId)]);
    await expectAudited('token.revoke');
  }, 600_000);
});
