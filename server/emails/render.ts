/**
 * The monthly summary email, as a pure function of a unit's results: subject, phone-friendly
 * HTML (nested tables, inline CSS, no scripts, no images, max 600px) and a plain-text part.
 */
import type { CategoryResult, ResultsResponse } from '../../domain/schemas/results.ts';
import type { Lang } from '../../domain/schemas/recipient.ts';
import { splitPeriod } from '../../domain/months.ts';
import { money, monthName, percent, quantity, words, type Words } from './render.words.ts';
import { outlookSentence } from '../../domain/outlook-sentence.ts';
import { coverageLineEn, coverageLineVi } from '../../domain/coverage.ts';

export interface RenderInput {
  /** computeResults for the unit with year = the period's year and through = the period. */
  results: ResultsResponse;
  period: string;
  lang: Lang;
  kind: 'summary' | 'correction';
  /** BASE_URL of the dashboard. */
  baseUrl: string;
  recipientName?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function dashboardLink(baseUrl: string, unitCode: string, period: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/overview?unit=${encodeURIComponent(unitCode)}&year=${splitPeriod(period).year}`;
}

type Values = {
  actual: number | null;
  baseline: number | null;
  reduction: number | null;
  met: boolean | null;
  actualAmount: number | null;
  baselineAmount: number | null;
};

interface Line {
  label: string;
  badge: { text: string; tone: 'good' | 'bad' | 'none' };
  rows: Array<[string, string, string?, string?]>; // label, value, small note, value colour
  missing: boolean;
}

/** HTML-escapes text for the message bodies. */
export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function measureText(cat: CategoryResult, v: number | null, amount: number | null, lang: Lang): [string, string?] {
  if (v == null) return ['—'];
  if (cat.measure === 'quantity')
    return [quantity(v, cat.quantityUnit, lang), amount != null ? money(amount, lang) : undefined];
  return [money(v, lang)];
}

function lineFor(
  cat: CategoryResult,
  label: string,
  v: Values | undefined,
  missing: boolean,
  w: Words,
  lang: Lang,
): Line {
  if (!v || missing) return { label, badge: { text: w.notSubmitted, tone: 'none' }, rows: [], missing: true };
  const target = cat.target == null ? w.noTarget : w.target(percent(cat.target, lang));
  let reduction: string;
  if (v.reduction == null) reduction = v.baseline == null ? `${w.unknown} (${w.noBaseline})` : w.unknown;
  else if (v.reduction > 0) reduction = w.down(percent(v.reduction, lang));
  else if (v.reduction < 0) reduction = w.up(percent(-v.reduction, lang));
  else reduction = w.flat;
  const badge =
    v.met == null
      ? { text: w.metUnknown, tone: 'none' as const }
      : v.met
        ? { text: w.met, tone: 'good' as const }
        : { text: w.notMet, tone: 'bad' as const };
  return {
    label,
    badge,
    missing: false,
    rows: [
      [cat.measure === 'quantity' ? w.actualQty : w.actual, ...measureText(cat, v.actual, v.actualAmount, lang)],
      [w.baseline[cat.basis], ...measureText(cat, v.baseline, v.baselineAmount, lang)],
      [w.reduction, reduction, target, v.reduction != null && v.reduction < 0 ? '#991b1b' : '#111827'],
    ],
  };
}

/** A verdict over months that include an incomplete one says so: "Đạt (tạm tính)". */
function provisionalBadge(l: Line, provisional: boolean, w: Words): Line {
  return provisional && !l.missing ? { ...l, badge: { ...l.badge, text: `${l.badge.text} (${w.provisional})` } } : l;
}

function categoryLines(
  cat: CategoryResult,
  period: string,
  w: Words,
  lang: Lang,
  monthOpen: boolean,
  ytdOpen: boolean,
): Line[] {
  const m = cat.months.find((x) => x.period === period);
  return [
    provisionalBadge(
      lineFor(cat, w.month(monthName(period, lang)), m, !m || m.status === 'not_submitted', w, lang),
      monthOpen,
      w,
    ),
    provisionalBadge(
      lineFor(
        cat,
        w.ytd(cat.ytd.monthsSubmitted, cat.ytd.monthsInRange),
        cat.ytd,
        cat.ytd.monthsSubmitted === 0,
        w,
        lang,
      ),
      ytdOpen,
      w,
    ),
  ];
}

const tone = {
  good: 'background:#dcfce7;color:#166534;',
  bad: 'background:#fee2e2;color:#991b1b;',
  none: 'background:#f3f4f6;color:#4b5563;',
};

function htmlLine(l: Line): string {
  const head = `<tr><td style="padding:10px 0 4px 0;font-weight:bold;color:#374151;font-size:14px;">${esc(l.label)}</td><td align="right" style="padding:10px 0 4px 0;"><span style="display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:bold;${tone[l.badge.tone]}">${esc(l.badge.text)}</span></td></tr>`;
  const rows = l.rows
    .map(
      ([k, v, note, colour]) =>
        `<tr><td style="padding:3px 8px 3px 0;color:#6b7280;font-size:14px;vertical-align:top;">${esc(k)}</td><td align="right" style="padding:3px 0;font-size:14px;color:${colour ?? '#111827'};vertical-align:top;white-space:nowrap;"><strong>${esc(v)}</strong>${note ? `<br><span style="color:#6b7280;font-size:12px;">${esc(note)}</span>` : ''}</td></tr>`,
    )
    .join('');
  return head + rows;
}

function textLine(l: Line): string {
  if (l.missing) return `  ${l.label}: ${l.badge.text}`;
  const parts = l.rows.map(([k, v, note]) => `${k.toLowerCase()} ${v}${note ? ` (${note})` : ''}`);
  return `  ${l.label}: ${parts.join('; ')} — ${l.badge.text}`;
}

export function renderSummary(input: RenderInput): RenderedEmail {
  const { results, period, lang, kind } = input;
  const w = words[lang];
  const month = monthName(period, lang);
  const unitName = results.unit.name;
  const subject = (kind === 'correction' ? w.correctionSubject : w.subject)(month, unitName);
  const link = dashboardLink(input.baseUrl, results.unit.code, period);
  // Coverage: the month itself, and every month of the year to date (domain.md "Completeness").
  const open = results.months.filter((m) => !m.complete);
  const monthOpen = open.some((m) => m.period === period);
  const coverage = open.length
    ? `${w.provisionalTitle} — ${open.map((m) => (lang === 'vi' ? coverageLineVi(m, true) : coverageLineEn(m, true))).join('; ')}. ${w.provisionalWhy}`
    : null;
  const cats = results.categories.map((c) => ({
    name: lang === 'vi' ? c.nameVi : c.nameEn,
    lines: categoryLines(c, period, w, lang, monthOpen, open.length > 0),
    // The year-end outlook: what is still allowed to meet the target (not part of summaryContent:
    // a projection, not a reported figure, so it never triggers a correction on its own).
    outlook: outlookSentence(c, lang),
  }));
  const missing = results.submission.notSubmitted.map((u) => u.name);
  // Nobody expected and nobody in: the month has no figures, which is not "everyone submitted".
  const empty = !missing.length && results.months.find((m) => m.period === period)?.submitted === 0;
  const allIn = empty ? w.noFigures(month) : w.allSubmitted(month);
  const sentence = results.sentence[lang];

  // Plain text first: it is also what a screen reader or a text-only client shows.
  const text = [
    subject,
    '',
    ...(input.recipientName ? [w.greeting(input.recipientName), ''] : []),
    ...(kind === 'correction' ? [`*** ${w.correctionTitle}: ${w.correction(month)} ***`, ''] : []),
    w.intro(month, unitName),
    '',
    ...(coverage ? [`! ${coverage}`, ''] : []),
    ...(cats.length
      ? cats.flatMap((c) => [
          c.name.toUpperCase(),
          ...c.lines.map(textLine),
          ...(c.outlook ? [`  ${w.outlook}: ${c.outlook}.`] : []),
          '',
        ])
      : [w.noCategories, '']),
    missing.length ? `${w.missingTitle(month)}: ${missing.join(', ')}.` : allIn,
    '',
    ...(sentence ? [`${w.sentenceTitle}: ${sentence}`, ''] : []),
    `${w.link}: ${link}`,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');

  const cell = 'padding:12px 16px;';
  const catHtml = cats
    .map(
      (c) =>
        `<tr><td style="${cell}border-top:1px solid #e5e7eb;"><div style="font-size:16px;font-weight:bold;color:#065f46;">${esc(c.name)}</div>` +
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;">${c.lines.map(htmlLine).join('')}</table>` +
        (c.outlook
          ? `<div style="margin-top:8px;padding:8px 10px;background:#eff6ff;border-left:3px solid #1d4ed8;font-size:13px;color:#1e3a8a;"><strong>${esc(w.outlook)}:</strong> ${esc(c.outlook)}.</div>`
          : '') +
        `</td></tr>`,
    )
    .join('');
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;-webkit-text-size-adjust:100%;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:12px 6px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;border:1px solid #e5e7eb;font-family:Arial,Helvetica,sans-serif;color:#111827;line-height:1.4;">
<tr><td style="${cell}background:#065f46;border-radius:8px 8px 0 0;color:#ffffff;"><div style="font-size:12px;letter-spacing:1px;text-transform:uppercase;opacity:0.85;">${esc(w.brand)}</div><div style="font-size:20px;font-weight:bold;">${esc(w.heading(month))}</div><div style="font-size:15px;">${esc(unitName)}</div></td></tr>
${kind === 'correction' ? `<tr><td style="${cell}background:#fef3c7;color:#92400e;font-size:14px;border-bottom:1px solid #fcd34d;"><strong>${esc(w.correctionTitle)}:</strong> ${esc(w.correction(month))}</td></tr>` : ''}
<tr><td style="${cell}font-size:14px;">${input.recipientName ? `${esc(w.greeting(input.recipientName))}<br>` : ''}${esc(w.intro(month, unitName))}</td></tr>
${coverage ? `<tr><td style="${cell}background:#fffbeb;color:#92400e;font-size:14px;border-top:1px solid #fcd34d;border-bottom:1px solid #fcd34d;">${esc(coverage)}</td></tr>` : ''}
${cats.length ? catHtml : `<tr><td style="${cell}font-size:14px;">${esc(w.noCategories)}</td></tr>`}
<tr><td style="${cell}border-top:1px solid #e5e7eb;font-size:14px;">${
    missing.length
      ? `<div style="font-weight:bold;color:#991b1b;">${esc(w.missingTitle(month))}</div><ul style="margin:4px 0 0 0;padding-left:20px;">${missing.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
      : `<span style="color:${empty ? '#4b5563' : '#166534'};">${esc(allIn)}</span>`
  }</td></tr>
${sentence ? `<tr><td style="${cell}"><div style="background:#ecfdf5;border-left:4px solid #059669;padding:10px 12px;font-size:14px;"><div style="font-weight:bold;margin-bottom:2px;">${esc(w.sentenceTitle)}</div>${esc(sentence)}</div></td></tr>` : ''}
<tr><td align="center" style="${cell}padding-bottom:20px;"><a href="${esc(link)}" style="display:inline-block;background:#065f46;color:#ffffff;text-decoration:none;font-weight:bold;font-size:15px;padding:12px 22px;border-radius:6px;">${esc(w.link)}</a><div style="font-size:12px;color:#6b7280;margin-top:6px;word-break:break-all;">${esc(link)}</div></td></tr>
<tr><td style="${cell}border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;">${esc(w.footer)}</td></tr>
</table></td></tr></table>
</body></html>
`;
  return { subject, html, text };
}

/**
 * The numbers a summary reports, independent of language and wording: two messages with the
 * same content hash tell the reader the same thing, so no correction is due.
 */
export function summaryContent(results: ResultsResponse, period: string): unknown {
  const pick = (v: Values & { status?: string; monthsSubmitted?: number }) => [
    v.status ?? v.monthsSubmitted ?? null,
    v.actual,
    v.baseline,
    v.reduction,
    v.met,
    v.actualAmount,
    v.baselineAmount,
  ];
  return {
    unit: results.unit.code,
    period,
    categories: results.categories.map((c) => {
      const m = c.months.find((x) => x.period === period);
      return [c.code, c.basis, c.measure, c.target, m ? pick(m) : null, pick(c.ytd)];
    }),
    notSubmitted: results.submission.notSubmitted.map((u) => u.code),
    sentence: results.sentence.vi,
  };
}
