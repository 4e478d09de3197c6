/**
 * The reminder emails, as a pure function: the finance officer's reminder (a unit has not
 * submitted last month; due by the 5th) and the unit head's notice on the due day (still missing).
 * Same layout rules as the summary (render.ts): inline CSS, max 600px, a plain-text part.
 */
import type { ReminderStage } from '../../domain/schemas/email.ts';
import type { Lang } from '../../domain/schemas/recipient.ts';
import { dueDateOf } from '../../domain/coverage.ts';
import { splitPeriod } from '../../domain/months.ts';
import { esc, type RenderedEmail } from './render.ts';
import { monthName } from './render.words.ts';

export interface ReminderInput {
  stage: ReminderStage;
  unit: { code: string; name: string };
  /** The month whose figures are missing. */
  period: string;
  lang: Lang;
  baseUrl: string;
  recipientName?: string;
}

const dueText = (period: string, lang: Lang) => {
  const [y, m, d] = dueDateOf(period).split('-').map(Number);
  return lang === 'vi'
    ? `ngày ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
    : new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
};

const words = {
  vi: {
    subject: { reminder: 'Nhắc nộp số liệu', escalation: 'Đơn vị chưa nộp số liệu' },
    heading: { reminder: 'Nhắc nộp số liệu', escalation: 'Đến hạn, đơn vị chưa nộp số liệu' },
    greeting: (n: string) => `Kính gửi ${n},`,
    body: {
      reminder: (unit: string, month: string, due: string) =>
        `${unit} chưa nộp số liệu chi tiêu ${month}. Hạn nộp là ${due}. Xin tải tệp số liệu lên hoặc nhập trực tiếp trên bảng điều khiển.`,
      escalation: (unit: string, month: string, due: string) =>
        `Đến hạn nộp (${due}), ${unit} vẫn chưa nộp số liệu chi tiêu ${month}. Kế toán của đơn vị đã được nhắc. Cho tới khi đơn vị nộp, tổng hợp của cấp trên chỉ là số tạm tính.`,
    },
    after: 'Nếu đơn vị đã nộp, xin bỏ qua thư này.',
    link: { reminder: 'Nộp số liệu', escalation: 'Xem tình hình nộp số liệu' },
    brand: 'Tiết kiệm',
    footer: 'Thư gửi tự động từ hệ thống Tiết Kiệm. Để ngừng nhận thư, liên hệ quản trị viên của đơn vị.',
  },
  en: {
    subject: { reminder: 'Figures due', escalation: 'Figures still missing' },
    heading: { reminder: 'Your figures are due', escalation: 'Due date reached: figures still missing' },
    greeting: (n: string) => `Dear ${n},`,
    body: {
      reminder: (unit: string, month: string, due: string) =>
        `${unit} has not submitted its spending figures for ${month}. They are due on ${due}. Please upload the file or enter them on the dashboard.`,
      escalation: (unit: string, month: string, due: string) =>
        `The figures of ${unit} for ${month} were due on ${due} and have still not been submitted. The unit's finance officer has been reminded. Until they are in, the totals above this unit are provisional.`,
    },
    after: 'If the unit has submitted in the meantime, please ignore this message.',
    link: { reminder: 'Submit the figures', escalation: 'See who has submitted' },
    brand: 'Tiết kiệm',
    footer: 'Sent automatically by Tiết Kiệm. To stop receiving it, ask your unit administrator.',
  },
} as const;

/** Where the message points: the upload page for the officer, the unit's figures (coverage) for the head. */
export function reminderLink(baseUrl: string, stage: ReminderStage, unitCode: string, period: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return stage === 'reminder'
    ? `${base}/upload`
    : `${base}/figures?unit=${encodeURIComponent(unitCode)}&year=${splitPeriod(period).year}`;
}

export function renderReminder(input: ReminderInput): RenderedEmail {
  const { stage, unit, period, lang } = input;
  const w = words[lang];
  const month = monthName(period, lang);
  const due = dueText(period, lang);
  const subject = `[Tiết kiệm] ${w.subject[stage]} ${month} — ${unit.name}`;
  const body = w.body[stage](`${unit.name} (${unit.code})`, month, due);
  const link = reminderLink(input.baseUrl, stage, unit.code, period);
  const text = [
    subject,
    '',
    ...(input.recipientName ? [w.greeting(input.recipientName), ''] : []),
    body,
    '',
    w.after,
    '',
    `${w.link[stage]}: ${link}`,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');
  const cell = 'padding:12px 16px;';
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;-webkit-text-size-adjust:100%;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:12px 6px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;color:#111827;line-height:1.4;">
<tr><td style="${cell}background:${stage === 'reminder' ? '#92400e' : '#991b1b'};border-radius:8px 8px 0 0;color:#ffffff;"><div style="font-size:12px;letter-spacing:1px;text-transform:uppercase;opacity:0.85;">${esc(w.brand)}</div><div style="font-size:20px;font-weight:bold;">${esc(w.heading[stage])}</div><div style="font-size:15px;">${esc(unit.name)} — ${esc(month)}</div></td></tr>
<tr><td style="${cell}font-size:14px;">${input.recipientName ? `${esc(w.greeting(input.recipientName))}<br><br>` : ''}${esc(body)}<br><br><span style="color:#6b7280;">${esc(w.after)}</span></td></tr>
<tr><td align="center" style="${cell}padding-bottom:20px;"><a href="${esc(link)}" style="display:inline-block;background:#065f46;color:#ffffff;text-decoration:none;font-weight:bold;font-size:15px;padding:12px 22px;border-radius:6px;">${esc(w.link[stage])}</a><div style="font-size:12px;color:#6b7280;margin-top:6px;word-break:break-all;">${esc(link)}</div></td></tr>
<tr><td style="${cell}border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;">${esc(w.footer)}</td></tr>
</table></td></tr></table>
</body></html>
`;
  return { subject, html, text };
}
