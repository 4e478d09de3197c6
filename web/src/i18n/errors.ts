/**
 * Server errors and import errors in the page's language. The API answers every error with a
 * stable `code`, the values its wording needs (`params`) and a Vietnamese `message`
 * (server/errors.ts). In Vietnamese the page shows the server's message (it names files, rows and
 * units exactly); in English it words code + params here, and falls back to the server's message
 * only for a code it does not know.
 */
import type { ImportError } from '../../../domain/schemas/import.ts';
import { getLang } from './i18n.ts';

type Params = Record<string, string | number | null | undefined>;

const SUBJECT_EN: Record<string, string> = {
  figures: 'figures',
  settings: 'norms and targets',
  reports: 'report explanations',
  recipients: 'report recipients',
  blocs: 'emulation blocs',
  invoices: 'e-invoices',
  locks: 'period locks',
  audit: 'the audit trail',
  users: 'user accounts',
  emails: 'report emails',
  units: 'the unit tree',
  data: 'data',
};

/** English wording of API error codes; a key `code.variant` is tried before `code`. */
const ERRORS_EN: Record<string, string> = {
  network: 'Cannot reach the server. Check the network and try again.',
  unauthenticated: 'Please sign in.',
  invalid_credentials: 'Wrong email or password.',
  too_many_attempts: 'Too many failed sign-ins. Try again in {minutes} minutes.',
  csrf: 'Request refused: it did not come from the Tiết Kiệm pages. Reload the page and try again.',
  invalid_token: 'The token is invalid or has been revoked.',
  wrong_password: 'The current password is wrong.',
  'forbidden.read_only': 'This account can only read; it cannot change {subject}.',
  'forbidden.admin_only.read': 'Only administrators can see {subject}.',
  'forbidden.admin_only.write': 'Only administrators can change {subject}.',
  'forbidden.whole_tree': 'This applies to the whole unit tree; choose a unit you are assigned to.',
  forbidden: 'You are not allowed to do this.',
  'unit_forbidden.write': 'You may not change {subject} of unit {unit}.',
  'unit_forbidden.read': 'You may not see unit {unit}.',
  unit_forbidden: 'You may not change unit {unit}.',
  'not_found.unit': 'There is no unit with code {key}.',
  'not_found.category': 'There is no category with code {key}.',
  not_found: 'Not found.',
  invalid_request: 'The request is not valid ({fields}).',
  'bad_request.too_many_decimals': 'Quantities take at most 3 decimals.',
  'bad_request.from_after_to': '“From” ({from}) must not be after “to” ({to}).',
  bad_request: 'The request is not valid.',
  bad_through: 'The month {through} must be in {year}.',
  year_not_started: 'No month of {year} has ended yet, so there are no figures. Choose an earlier year.',
  period_locked: '{periods} is closed: its figures and norms cannot change. Ask an administrator to reopen it.',
  payload_too_large: 'The file is too large (at most {mb} MB). Split it by month or by unit.',
  xlsx_too_large: 'The spreadsheet unpacks to more than {mb} MB. Split it or save it as CSV.',
  unsupported_file_type: 'This file is not CSV or Excel (.xlsx). Save the sheet as .xlsx or CSV and upload it again.',
  file_missing: 'No file was chosen.',
  import_rejected: '{file}: {n} errors, no row was stored.',
  warnings_unconfirmed: '{file}: {n} warnings to confirm; nothing was stored.',
  database_busy:
    'The database is busy (another process is writing); nothing was stored. Try again in {retryAfterSeconds} seconds.',
  database_unavailable:
    'The connection to the database was lost; nothing was stored. Try again in {retryAfterSeconds} seconds.',
  disk_full: 'The disk is full: nothing was stored. Ask the administrator to free space on the server, then try again.',
  internal: 'System error. Try again or tell the administrator.',
  recipient_exists: '{email} already receives the reports of unit {unitCode}.',
  user_exists: 'That user already exists.',
};

/** English wording of the import errors (server/ingest/problems.ts) from value and column. */
const IMPORT_ERRORS_EN: Record<string, string> = {
  unknown_unit: 'Unit “{value}” not found. Write the code, name or alias of a declared unit.',
  invalid_period: 'Period “{value}” is not valid. Write the month as 2026-10, 10/2026 or Tháng 10/2026.',
  unknown_category:
    'Category “{value}” not found. Write the name or code of a declared category (e.g. Văn phòng phẩm, Điện).',
  category_retired: 'Category “{value}” is retired; it takes no new figures.',
  negative_amount: '“{value}” in column “{column}” is negative. Write a number of zero or more.',
  not_a_number: '“{value}” in column “{column}” is not a number. Write numbers like 1.250.000 or 12,5.',
  too_many_decimals: '“{value}” in column “{column}” has too many decimals (at most 3).',
  too_large: '“{value}” in column “{column}” is too large. Check it for an extra digit.',
  missing_amount: 'Quantity “{value}” in column “{column}” has no amount. Fill in the amount (đồng).',
  missing_value: 'The cell in column “{column}” is empty. Fill it in.',
  duplicate_key: 'This unit, period and category are already on an earlier row. Merge or delete the duplicate.',
  no_header:
    'No header row found. It needs columns such as “Mã đơn vị”, “Kỳ”, “Khoản chi”, “Số tiền (đồng)” (see the templates).',
  missing_column: 'Column “{column}” is missing. Add it to the header row (see the templates).',
  invalid_basis: 'Basis “{value}” is not valid. Write “định mức” or “cùng kỳ năm trước”.',
  invalid_year: 'Year “{value}” is not valid. Write a year such as 2026 (2000 to 2100).',
  invalid_target: 'Target “{value}” is not valid: a percent from -100 to 100, at most one decimal (e.g. 10 or 7,5).',
  invalid_code: 'Code “{value}” is not valid: letters without accents, digits and - _ . (at most 64 characters).',
  unknown_parent: 'Parent unit “{value}” not found. Write the code of a unit in the file or already declared.',
  unit_cycle: 'Parent unit “{value}” makes a cycle (a unit above itself). Fix the parent column.',
  unit_forbidden: 'You may not upload figures for unit {value}; remove its rows.',
};

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] == null ? '' : String(params[k])));
}

/** What an error from the API (or anything thrown) says, in the page's language. */
export function errorText(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown; params?: Params } | null;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (getLang() === 'vi' || typeof err?.code !== 'string') return message;
  const code = err.code;
  const p: Params = { ...(err.params ?? {}) };
  const access = typeof p.access === 'string' ? p.access : null;
  const variants = [p.reason, p.entity].filter((v): v is string => typeof v === 'string');
  const keys = [
    ...variants.flatMap((v) => (access ? [`${code}.${v}.${access}`, `${code}.${v}`] : [`${code}.${v}`])),
    ...(access ? [`${code}.${access}`] : []),
    code,
  ];
  const key = keys.find((k) => k in ERRORS_EN);
  if (!key) return message;
  if (typeof p.subject === 'string') p.subject = SUBJECT_EN[p.subject] ?? p.subject;
  else p.subject = SUBJECT_EN.data;
  if (typeof p.retryAfter === 'number') p.minutes = Math.ceil(p.retryAfter / 60);
  if (code === 'payload_too_large' && p.mb == null) return 'The request is too large.';
  return fill(ERRORS_EN[key], p);
}

/** An error of an uploaded file (row, column, value, code) in the page's language. */
export function importErrorText(e: ImportError): string {
  if (getLang() === 'vi') return e.message;
  const text = IMPORT_ERRORS_EN[e.code];
  return text ? fill(text, { ...(e.params ?? {}), value: e.value, column: e.column }) : e.message;
}
