/** Email preview (the message as HTML), the outbox for administrators, resend on purpose, who was reminded. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { CodeSchema, ErrorBodySchema, PeriodSchema, YearSchema } from '../../domain/schemas/common.ts';
import { LangSchema } from '../../domain/schemas/recipient.ts';
import {
  OutboxMessageSchema,
  OutboxStatusSchema,
  ReminderEntrySchema,
  ReminderStageSchema,
} from '../../domain/schemas/email.ts';
import { listOutbox, previewSummary, resendMessage } from './outbox.service.ts';
import { listReminders, previewReminder } from './reminders.service.ts';
import { callerOf } from '../auth/context.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

const previewRoute = createRoute({
  method: 'get',
  path: '/emails/preview',
  tags: ['emails'],
  summary:
    "A unit's monthly summary (kind=summary), or the reminder / escalation about its missing month, as its recipients would get it (HTML, or the plain-text part with format=text)",
  request: {
    query: z.object({
      unit: CodeSchema,
      period: PeriodSchema,
      kind: z.enum(['summary', ...ReminderStageSchema.options]).default('summary'),
      lang: LangSchema.default('vi'),
      format: z.enum(['html', 'text']).default('html'),
    }),
  },
  responses: {
    200: {
      description: 'The message',
      content: { 'text/html': { schema: z.string() }, 'text/plain': { schema: z.string() } },
    },
    400: err('Invalid request'),
    404: err('Unknown unit'),
  },
});

const outboxRoute = createRoute({
  method: 'get',
  path: '/emails/outbox',
  tags: ['emails'],
  summary: 'Outbox messages, newest first (status=failed lists what needs an administrator)',
  request: {
    query: z.object({
      status: OutboxStatusSchema.optional(),
      period: PeriodSchema.optional(),
      unit: CodeSchema.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
  },
  responses: {
    200: {
      description: 'Messages',
      content: { 'application/json': { schema: z.object({ messages: z.array(OutboxMessageSchema) }) } },
    },
    404: err('Unknown unit'),
  },
});

const remindersRoute = createRoute({
  method: 'get',
  path: '/emails/reminders',
  tags: ['emails'],
  summary:
    "Who of a unit's subtree was reminded (finance officers) or told (unit heads) about which month of a year, and when",
  request: { query: z.object({ unit: CodeSchema, year: YearSchema }) },
  responses: {
    200: {
      description: 'Reminders, by month and unit',
      content: { 'application/json': { schema: z.object({ reminders: z.array(ReminderEntrySchema) }) } },
    },
    404: err('Unknown unit'),
  },
});

const resendRoute = createRoute({
  method: 'post',
  path: '/emails/{id}/resend',
  tags: ['emails'],
  summary: 'Send one message again on purpose (recorded as a new outbox row of kind resend)',
  request: { params: z.object({ id: z.coerce.number().int().positive() }) },
  responses: {
    202: {
      description: 'Queued',
      content: { 'application/json': { schema: z.object({ message: OutboxMessageSchema }) } },
    },
    404: err('Unknown message'),
    409: err('Cannot resend'),
  },
});

export function emailsRoutes(deps: AppDeps) {
  return new OpenAPIHono()
    .openapi(previewRoute, async (c) => {
      const q = c.req.valid('query');
      const m =
        q.kind === 'summary'
          ? await previewSummary(deps, q.unit, q.period, q.lang)
          : await previewReminder(deps, q.kind, q.unit, q.period, q.lang);
      // Email HTML is all inline styles and never scripts; the dashboard may show it in an iframe.
      // (The app-wide secure headers must not overwrite this one: see docs/emails.md.)
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
      );
      c.header('X-Frame-Options', 'SAMEORIGIN');
      if (q.format === 'text') return c.text(m.text, 200);
      c.header('X-Email-Subject', encodeURIComponent(m.subject));
      return c.html(m.html, 200);
    })
    .openapi(outboxRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json(
        { messages: await listOutbox(deps, { status: q.status, period: q.period, unitCode: q.unit, limit: q.limit }) },
        200,
      );
    })
    .openapi(remindersRoute, async (c) => {
      const q = c.req.valid('query');
      return c.json({ reminders: await listReminders(deps, { unitCode: q.unit, year: q.year }) }, 200);
    })
    .openapi(resendRoute, async (c) =>
      c.json({ message: await resendMessage(deps, c.req.valid('param').id, callerOf(c)) }, 202),
    );
}
