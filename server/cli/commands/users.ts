/**
 * CLI: `users` — accounts for the operator (the first administrator is created here):
 *   users add --email E --role admin|officer|viewer [--unit CODE] [--name N] [--no-password]
 *   users grant --email E --role R [--unit CODE]     add a grant to an existing user
 *   users passwd --email E                            set a new password (ends their sessions)
 *   users disable|enable --email E
 *   users logout-all --email E
 *   users list [--json]
 * Passwords are read from stdin when piped (first line), else prompted twice without echo.
 */
import { EmailSchema, PasswordSchema, RoleSchema, type Grant } from '../../../domain/schemas/account.ts';
import { createUser, getUserByEmail, listUsers, updateUser } from '../../users/users.service.ts';
import { logoutEverywhere } from '../../auth/auth.service.ts';
import { UsageError, type CliCommand, type CliContext } from '../context.ts';
import { parseFlag, parseOptions } from '../args.ts';
import { readPassword } from './password.ts';
import { cliCaller } from '../../auth/caller.ts';

const USAGE = `npm run cli -- users <add|grant|passwd|disable|enable|logout-all|list> [options]
  users add --email E --role admin|officer|viewer [--unit CODE] [--name "Họ tên"] [--no-password]
  users grant --email E --role officer|viewer|admin [--unit CODE]
  users passwd --email E
  users disable --email E | users enable --email E
  users logout-all --email E
  users list [--json]
  (password: first line of stdin when piped, otherwise prompted)`;

function grantFrom(values: { role?: string; unit?: string }): Grant {
  if (!values.role) throw new UsageError('--role is required');
  const role = parseFlag(RoleSchema, values.role, '--role');
  if (role === 'admin' && values.unit) throw new UsageError('administrators act on the whole tree: drop --unit');
  return { role, unitCode: values.unit ?? null };
}

const describe = (g: Grant) => `${g.role}${g.unitCode ? `@${g.unitCode}` : '@*'}`;

async function password(ctx: CliContext): Promise<string> {
  return parseFlag(PasswordSchema, await readPassword(ctx), 'password');
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary: 'user accounts: add (first admin), grant, passwd, disable, list',
  usage: USAGE,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const values = parseOptions(rest, {
      email: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      'no-password': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const email = () => parseFlag(EmailSchema, values.email, '--email');
    const by = cliCaller();
    switch (sub) {
      case 'add': {
        const e = email();
        const grant = grantFrom(values);
        const pw = values['no-password'] ? undefined : await password(ctx);
        const deps = await ctx.deps();
        const u = await createUser(
          deps,
          { email: e, name: values.name ?? e.split('@')[0], password: pw, grants: [grant] },
          by,
        );
        ctx.out(
          `Đã tạo ${u.email} (${u.grants.map(describe).join(', ')})${pw ? '' : ' — chưa có mật khẩu, chỉ dùng token'}.`,
        );
        return 0;
      }
      case 'grant': {
        const deps = await ctx.deps();
        const u = await getUserByEmail(deps, email());
        const g = grantFrom(values);
        const updated = await updateUser(deps, u.id, { grants: [...u.grants, g] }, by);
        ctx.out(`${updated.email}: ${updated.grants.map(describe).join(', ')}`);
        return 0;
      }
      case 'passwd': {
        const e = email();
        const pw = await password(ctx);
        const deps = await ctx.deps();
        const u = await getUserByEmail(deps, e);
        await updateUser(deps, u.id, { password: pw }, by);
        ctx.out(`Đã đổi mật khẩu của ${u.email}; các phiên đăng nhập cũ đã kết thúc.`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const deps = await ctx.deps();
        const u = await getUserByEmail(deps, email());
        await updateUser(deps, u.id, { active: sub === 'enable' }, by);
        ctx.out(`${u.email}: ${sub === 'enable' ? 'đã mở lại' : 'đã khóa'}.`);
        return 0;
      }
      case 'logout-all': {
        const deps = await ctx.deps();
        const u = await getUserByEmail(deps, email());
        const n = await logoutEverywhere(deps, u.id, u.email, by);
        ctx.out(`${u.email}: đã kết thúc ${n} phiên.`);
        return 0;
      }
      case 'list': {
        const users = await listUsers(await ctx.deps());
        if (values.json) ctx.out(JSON.stringify({ users }));
        else
          for (const u of users)
            ctx.out(
              `${u.email.padEnd(36)} ${u.active ? 'active  ' : 'disabled'} ${u.grants.map(describe).join(', ')}  ${u.name}`,
            );
        return 0;
      }
      default:
        throw new UsageError(sub ? `unknown users command: ${sub}` : 'missing users command');
    }
  },
};
