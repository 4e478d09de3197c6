/** CLI: `recipients` — manage who receives each unit's monthly summary. */
import { ZodError } from 'zod';
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { RecipientCreateSchema, RecipientPatchSchema } from '../../../domain/schemas/recipient.ts';
import { addRecipient, listRecipients, patchRecipient, removeRecipient } from '../../recipients/recipients.service.ts';
import { cliCaller } from '../../auth/caller.ts';

const usage = `npm run cli -- recipients <sub-command>
  add    --unit CODE --email ADDRESS [--name NAME] [--lang vi|en]
  list   [--unit CODE] [--json]
  set    --id N [--active yes|no] [--lang vi|en] [--name NAME] [--email ADDRESS]
  remove --id N`;

function zodMessage(e: ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || 'giá trị'}: ${i.message}`).join('; ');
}

export const recipientsCommand: CliCommand = {
  name: 'recipients',
  summary: 'manage summary recipients (add, list, set, remove)',
  usage,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const values = parseOptions(rest, {
      unit: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      lang: { type: 'string' },
      id: { type: 'string' },
      active: { type: 'string' },
      json: { type: 'boolean' },
    });
    try {
      if (sub === 'add') {
        if (!values.unit || !values.email) throw new UsageError('recipients add needs --unit and --email');
        const input = RecipientCreateSchema.parse({
          unitCode: values.unit,
          email: values.email,
          name: values.name,
          lang: values.lang ?? 'vi',
        });
        const r = await addRecipient(await ctx.deps(), input, cliCaller());
        ctx.out(`Đã thêm người nhận #${r.id}: ${r.name} <${r.email}> (${r.lang}) cho đơn vị ${r.unitCode}`);
        return 0;
      }
      if (sub === 'list') {
        const list = await listRecipients(await ctx.deps(), values.unit);
        if (values.json) ctx.out(JSON.stringify({ recipients: list }, null, 2));
        else if (!list.length) ctx.out('Chưa có người nhận nào.');
        else
          for (const r of list)
            ctx.out(
              `#${String(r.id).padEnd(4)} ${r.unitCode.padEnd(14)} ${r.lang} ${r.active ? 'active  ' : 'inactive'} ${r.name} <${r.email}>`,
            );
        return 0;
      }
      if (sub === 'set' || sub === 'remove') {
        const id = Number(values.id);
        if (!Number.isInteger(id) || id <= 0) throw new UsageError(`recipients ${sub} needs --id N`);
        if (sub === 'remove') {
          await removeRecipient(await ctx.deps(), id, cliCaller());
          ctx.out(`Đã xóa người nhận #${id}.`);
          return 0;
        }
        if (values.active !== undefined && !['yes', 'no', '1', '0', 'true', 'false'].includes(values.active))
          throw new UsageError('--active is yes or no');
        const patch = RecipientPatchSchema.parse({
          email: values.email,
          name: values.name,
          lang: values.lang,
          active: values.active === undefined ? undefined : ['yes', '1', 'true'].includes(values.active),
        });
        const r = await patchRecipient(await ctx.deps(), id, patch, cliCaller());
        ctx.out(`#${r.id} ${r.unitCode} ${r.lang} ${r.active ? 'active' : 'inactive'} ${r.name} <${r.email}>`);
        return 0;
      }
      throw new UsageError(sub ? `unknown sub-command: ${sub}` : 'missing sub-command');
    } catch (e) {
      // An AppError reaches the CLI, which prints "Lỗi: …" and exits 1.
      if (!(e instanceof ZodError)) throw e;
      ctx.err(`Lỗi: ${zodMessage(e)}`);
      return 1;
    }
  },
};
