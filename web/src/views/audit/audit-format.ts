/**
 * The audit trail in words (issue 14, point 7): an action's name in the chosen language instead of
 * its code (`auth.login` → "Đăng nhập"), the time as dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh
 * whatever the browser's zone, and each changed field as "label: before → after" instead of the
 * raw JSON the server stores. Pure functions: the view renders what these return.
 */
import type { Lang } from '../../i18n/i18n.ts';

type Words = Record<Lang, string>;

/** Every action the server writes (server/ and jobs/: grep "action:"); an unknown one shows its code. */
const ACTION_WORDS: Record<string, Words> = {
  'auth.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Signed out' },
  'auth.logout_all': { vi: 'Đăng xuất mọi nơi', en: 'Signed out everywhere' },
  'user.create': { vi: 'Tạo tài khoản', en: 'Account created' },
  'user.update': { vi: 'Sửa tài khoản', en: 'Account changed' },
  'user.password': { vi: 'Đổi mật khẩu', en: 'Password changed' },
  'token.create': { vi: 'Tạo token', en: 'Token created' },
  'token.revoke': { vi: 'Thu hồi token', en: 'Token revoked' },
  'token.use': { vi: 'Dùng token', en: 'Token used' },
  'figure.correct': { vi: 'Sửa số liệu', en: 'Figure corrected' },
  'figures.import': { vi: 'Nhập số liệu từ tệp', en: 'Figures uploaded' },
  'units.import': { vi: 'Nhập danh sách đơn vị', en: 'Units uploaded' },
  'norms.import': { vi: 'Nhập định mức', en: 'Norms uploaded' },
  'invoices.import': { vi: 'Nhập hóa đơn điện tử', en: 'E-invoices uploaded' },
  'invoice-accounts.import': { vi: 'Nhập mã khách hàng hóa đơn', en: 'Invoice accounts uploaded' },
  'invoice_account.create': { vi: 'Thêm mã khách hàng hóa đơn', en: 'Invoice account added' },
  'invoice_account.update': { vi: 'Sửa mã khách hàng hóa đơn', en: 'Invoice account changed' },
  'invoice_account.delete': { vi: 'Xóa mã khách hàng hóa đơn', en: 'Invoice account removed' },
  'setting.update': { vi: 'Đổi định mức, chỉ tiêu', en: 'Norm or target changed' },
  'setting.clear': { vi: 'Bỏ định mức, chỉ tiêu riêng', en: 'Own norm or target removed' },
  'document_settings.update': { vi: 'Đổi thông tin văn bản', en: 'Document settings changed' },
  'document_settings.clear': { vi: 'Bỏ thông tin văn bản riêng', en: 'Own document settings removed' },
  'period.lock': { vi: 'Khóa kỳ', en: 'Period locked' },
  'period.unlock': { vi: 'Mở khóa kỳ', en: 'Period reopened' },
  'recipient.create': { vi: 'Thêm người nhận email', en: 'Recipient added' },
  'recipient.update': { vi: 'Sửa người nhận email', en: 'Recipient changed' },
  'recipient.delete': { vi: 'Xóa người nhận email', en: 'Recipient removed' },
  'email.resend': { vi: 'Gửi lại email', en: 'Email resent' },
  'report.explanation': { vi: 'Giải trình trong báo cáo', en: 'Report explanation' },
  'bloc.create': { vi: 'Tạo khối thi đua', en: 'Bloc created' },
  'bloc.scores': { vi: 'Chấm điểm khối thi đua', en: 'Bloc scored' },
};

/** The filter's choices: a prefix the server matches (`auth` = every auth.*), worded. */
export const ACTION_FILTERS: Array<{ value: string; words: Words }> = [
  { value: 'figures.import', words: ACTION_WORDS['figures.import'] },
  { value: 'figure.correct', words: ACTION_WORDS['figure.correct'] },
  { value: 'setting', words: { vi: 'Định mức, chỉ tiêu', en: 'Norms and targets' } },
  { value: 'period', words: { vi: 'Khóa, mở kỳ', en: 'Period locks' } },
  { value: 'user', words: { vi: 'Tài khoản', en: 'Accounts' } },
  { value: 'token', words: { vi: 'Token', en: 'Tokens' } },
  { value: 'auth', words: { vi: 'Đăng nhập, đăng xuất', en: 'Sign-ins and sign-outs' } },
  { value: 'email.resend', words: ACTION_WORDS['email.resend'] },
];

/** @example actionLabel('auth.login', 'vi') // 'Đăng nhập' */
export function actionLabel(action: string, lang: Lang): string {
  return ACTION_WORDS[action]?.[lang] ?? action;
}

const ENTITY_WORDS: Record<string, Words> = {
  figure: { vi: 'Số liệu', en: 'Figure' },
  setting: { vi: 'Định mức', en: 'Setting' },
  user: { vi: 'Tài khoản', en: 'Account' },
  token: { vi: 'Token', en: 'Token' },
  period: { vi: 'Kỳ', en: 'Period' },
  import: { vi: 'Lần nhập tệp', en: 'Upload' },
  email: { vi: 'Email', en: 'Email' },
  recipient: { vi: 'Người nhận', en: 'Recipient' },
  explanation: { vi: 'Giải trình', en: 'Explanation' },
  bloc: { vi: 'Khối thi đua', en: 'Bloc' },
};

export function entityLabel(type: string, lang: Lang): string {
  return ENTITY_WORDS[type]?.[lang] ?? type;
}

/**
 * dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), the same in both languages.
 * @example formatAuditTime('2026-12-01T21:24:00.000Z') // '02/12/2026 04:24'
 */
export function formatAuditTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

const FIELD_WORDS: Record<string, Words> = {
  amount: { vi: 'Số tiền', en: 'Amount' },
  quantity: { vi: 'Số lượng', en: 'Quantity' },
  note: { vi: 'Ghi chú', en: 'Note' },
  normAmount: { vi: 'Định mức (đồng)', en: 'Norm (đồng)' },
  normQuantity: { vi: 'Định mức (số lượng)', en: 'Norm (quantity)' },
  normPerCapita: { vi: 'Định mức theo đầu người', en: 'Norm per person' },
  targetPct: { vi: 'Chỉ tiêu giảm (%)', en: 'Reduction target (%)' },
  locked: { vi: 'Đã khóa', en: 'Locked' },
  name: { vi: 'Tên', en: 'Name' },
  email: { vi: 'Email', en: 'Email' },
  active: { vi: 'Đang hoạt động', en: 'Active' },
  grants: { vi: 'Quyền', en: 'Grants' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  owner: { vi: 'Chủ token', en: 'Owner' },
  prefix: { vi: 'Tiền tố', en: 'Prefix' },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  fileName: { vi: 'Tệp', en: 'File' },
  rows: { vi: 'Số dòng', en: 'Rows' },
  inserted: { vi: 'Thêm mới', en: 'Added' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  shape: { vi: 'Bố cục', en: 'Layout' },
  sizeBytes: { vi: 'Dung lượng (byte)', en: 'Size (bytes)' },
  sha256: { vi: 'Mã băm SHA-256', en: 'SHA-256' },
  warningCount: { vi: 'Số cảnh báo', en: 'Warnings' },
  warningsAcceptedBy: { vi: 'Người xác nhận cảnh báo', en: 'Warnings confirmed by' },
  warningsAcceptedAt: { vi: 'Lúc xác nhận', en: 'Confirmed at' },
  text: { vi: 'Nội dung', en: 'Text' },
  period: { vi: 'Kỳ', en: 'Period' },
  lockedBy: { vi: 'Người khóa', en: 'Locked by' },
  lockedAt: { vi: 'Lúc khóa', en: 'Locked at' },
};

export function fieldLabel(key: string, lang: Lang): string {
  return FIELD_WORDS[key]?.[lang] ?? key;
}

/** A stored value in words: numbers in the language's grouping, yes/no, "—" for none. */
export function formatValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number') return v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 4 });
  if (typeof v === 'boolean') return v ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No';
  if (typeof v === 'string') {
    // ISO times stored in a value (lockedAt, warningsAcceptedAt) read like the time column.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return formatAuditTime(v);
    return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  }
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null))
    return v.map((x) => formatValue(x, lang)).join(', ');
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

export interface FieldChange {
  key: string;
  label: string;
  /** Absent when the entry has no "before" (a creation, an upload, a sign-in). */
  before?: string;
  /** Absent when the entry has no "after" (a deletion). */
  after?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields an entry changed, each worded: with both sides, only the fields whose value differs
 * (in the order they first appear); with one side, every field of it. Values that are not objects
 * show as one "value" line.
 * @example fieldChanges({ amount: 1000000 }, { amount: 1250000 }, 'vi') // [{ key: 'amount', label: 'Số tiền', before: '1.000.000', after: '1.250.000' }]
 */
export function fieldChanges(before: unknown, after: unknown, lang: Lang): FieldChange[] {
  if (before == null && after == null) return [];
  const hasBefore = before != null;
  const hasAfter = after != null;
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return [
      {
        key: '',
        label: lang === 'vi' ? 'Giá trị' : 'Value',
        ...(hasBefore ? { before: formatValue(before, lang) } : {}),
        ...(hasAfter ? { after: formatValue(after, lang) } : {}),
      },
    ];
  }
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const out: FieldChange[] = [];
  for (const key of keys) {
    if (key === 'warnings') continue; // the list itself is long: warningCount says how many
    if (hasBefore && hasAfter) {
      if (!(key in a)) continue; // a patch names only what it changes
      if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    }
    out.push({
      key,
      label: fieldLabel(key, lang),
      ...(hasBefore ? { before: formatValue(b[key], lang) } : {}),
      ...(hasAfter ? { after: formatValue(a[key], lang) } : {}),
    });
  }
  return out;
}
