/** CLI: `emails` — preview the monthly summaries and reminders, queue and send them; list the outbox; resend one. */
import { UsageError, type CliCommand } from '../context.ts';
import { parseOptions } from '../args.ts';
import { isPeriod } from '../../../domain/months.ts';
import { listOutbox, previewSummary, queueByHand, resendMessage } from '../../emails/outbox.service.ts';
import { previewReminder } from '../../emails/reminders.service.ts';
import { statusCounts } from '../../emails/outbox.repository.ts';
import { runSender } from '../../emails/sender.ts';
import { OutboxStatusSchema } from '../../../domain/schemas/email.ts';
import { cliCaller } from '../../auth/caller.ts';

const usage = `npm run cli -- emails <sub-command>
  preview --unit CODE --period YYYY-MM [--kind summary|reminder|escalation] [--lang vi|en] [--text]
                                                                  print the message (HTML, or the text part)
  send    --period YYYY-MM                                        queue missing summaries, send what is due
  outbox  [--status pending|sending|sent|failed|cancelled] [--period YYYY-MM] [--json]
  resend  --id N                                                  send one message again (recorded)`;

const periodArg = (p: string | undefined): string => {
  if (!p || !isPeriod(p)) throw new UsageError('--period YYYY-MM is required (e.g. 2026-10)');
  return p;
};

export const emailsCommand: CliCommand = {
  name: 'emails',
  summary: 'preview and send the monthly summaries (preview, send, outbox, resend)',
  usage,
  async run(ctx, args) {
    const [sub, ...rest] = args;
    const values = parseOptions(rest, {
      unit: { type: 'string' },
      period: { type: 'string' },
      lang: { type: 'string' },
      kind: { type: 'string' },
      text: { type: 'boolean' },
      status: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
    });
    // An AppError reaches the CLI, which prints "Lỗi: …" and exits 1.
    if (sub === 'preview') {
      const period = periodArg(values.period);
      if (!values.unit) throw new UsageError('emails preview needs --unit CODE');
      const lang = values.lang ?? 'vi';
      if (lang !== 'vi' && lang !== 'en') throw new UsageError('--lang is vi or en');
      const kind = values.kind ?? 'summary';
      if (kind !== 'summary' && kind !== 'reminder' && kind !== 'escalation')
        throw new UsageError('--kind is summary, reminder or escalation');
      const deps = await ctx.deps();
      const m =
        kind === 'summary'
          ? await previewSummary(deps, values.unit, period, lang)
          : await previewReminder(deps, kind, values.unit, period, lang);
      ctx.out(values.text ? m.text : m.html);
      return 0;
    }
    if (sub === 'send') {
      const period = periodArg(values.period);
      const deps = await ctx.deps();
      const before = await statusCounts(deps.db, period);
      const queued = await queueByHand(deps, period, cliCaller());
      const report = await runSender(deps);
      const after = await statusCounts(deps.db, period);
      ctx.out(
        `Kỳ ${period}: đã xếp hàng ${queued} thư mới; đã gửi ${after.sent - before.sent}; đã gửi từ trước ${before.sent}; thất bại ${after.failed}; chờ thử lại ${after.pending + after.sending}.`,
      );
      if (report.claimed > 0 && after.sent - before.sent < report.sent)
        ctx.out(`(Đã gửi thêm ${report.sent - (after.sent - before.sent)} thư của kỳ khác đang chờ.)`);
      return after.failed > 0 ? 1 : 0;
    }
    if (sub === 'outbox') {
      const status = values.status === undefined ? undefined : OutboxStatusSchema.safeParse(values.status).data;
      if (values.status !== undefined && !status)
        throw new UsageError('--status is pending, sending, sent, failed or cancelled');
      if (values.period !== undefined) periodArg(values.period);
      const list = await listOutbox(await ctx.deps(), { status, period: values.period });
      if (values.json) ctx.out(JSON.stringify({ messages: list }, null, 2));
      else if (!list.length) ctx.out('Không có thư nào.');
      else
        for (const m of list)
          ctx.out(
            `#${String(m.id).padEnd(5)} ${m.period} ${m.unitCode.padEnd(14)} ${m.kind.padEnd(10)} ${m.status.padEnd(9)} tries ${m.attempts} ${m.to}${m.lastError ? `  — ${m.lastError}` : ''}`,
          );
      return 0;
    }
    if (sub === 'resend') {
      const id = Number(values.id);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('emails resend needs --id N');
      const m = await resendMessage(await ctx.deps(), id, cliCaller());
      ctx.out(
        `Đã xếp hàng gửi lại: thư #${m.id} (gửi lại #${id}) tới ${m.to}. Chạy "emails send --period ${m.period}" hoặc chờ bộ gửi tự động.`,
      );
      return 0;
    }
    throw new UsageError(sub ? `unknown sub-command: ${sub}` : 'missing sub-command');
  },
};
