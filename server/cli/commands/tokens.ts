/**
 * CLI: `tokens` — API tokens for automation (e.g. the accounting system's monthly upload):
 *   tokens create --email E --name N [--scope read|write]   prints the token once (only its sha256 is kept)
 *   tokens list [--email E] [--json]
 *   tokens revoke --id N
 * A token acts with its owner's grants: give the owner exactly the units it should touch. Its scope
 * is 'read' (the default: GET only) or 'write' (read and write within those grants).
 */
import { createApiToken, listApiTokens, revokeApiToken } from '../../auth/auth.service.ts';
import { getUserByEmail } from '../../users/users.service.ts';
import { EmailSchema, TokenScopeSchema } from '../../../domain/schemas/account.ts';
import { UsageError, type CliCommand } from '../context.ts';
import { parseFlag, parseOptions } from '../args.ts';
import { cliCaller } from '../../auth/caller.ts';

const USAGE = `npm run cli -- tokens <create|list|revoke> [options]
  tokens create --email E --name "tên" [--scope read|write]
  tokens list [--email E] [--json]
  tokens revoke --id N`;

export const tokensCommand: CliCommand = {
  name: 'tokens',
  summary: 'API tokens: create (shown once), list, revoke',
  usage: USAGE,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const values = parseOptions(rest, {
      email: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      scope: { type: 'string' },
      json: { type: 'boolean' },
    });
    const email = () => parseFlag(EmailSchema, values.email, '--email');
    switch (sub) {
      case 'create': {
        const e = email();
        if (!values.name?.trim()) throw new UsageError('--name is required');
        const scope = parseFlag(TokenScopeSchema, values.scope ?? 'read', '--scope');
        const { token, info } = await createApiToken(await ctx.deps(), e, values.name.trim(), cliCaller(), scope);
        ctx.err(
          `Token #${info.id} (${info.scope === 'read' ? 'chỉ đọc' : 'đọc và ghi'}) cho ${info.email} (“${info.name}”). Lưu ngay: token chỉ hiện một lần.`,
        );
        ctx.out(token);
        return 0;
      }
      case 'list': {
        const deps = await ctx.deps();
        const userId = values.email ? (await getUserByEmail(deps, email())).id : undefined;
        const tokens = await listApiTokens(deps, userId);
        if (values.json) ctx.out(JSON.stringify({ tokens }));
        else
          for (const t of tokens)
            ctx.out(
              `#${String(t.id).padEnd(4)} ${t.prefix}…  ${t.scope.padEnd(5)} ${t.email.padEnd(32)} ${t.revokedAt ? 'revoked ' + t.revokedAt : 'active'}  last used ${t.lastUsedAt ?? 'never'}  ${t.name}`,
            );
        return 0;
      }
      case 'revoke': {
        const id = Number(values.id);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('--id must be a token number (see tokens list)');
        await revokeApiToken(await ctx.deps(), id, cliCaller());
        ctx.out(`Đã thu hồi token #${id}.`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown tokens command: ${sub}` : 'missing tokens command');
    }
  },
};
