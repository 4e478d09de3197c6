/**
 * The browser side of accounts: who is signed in (/api/auth/me), sign in, sign out, and the
 * one rule for 401 — go to the login page and come back afterwards. Texts in vi and en.
 */
import type { Me } from '../../../../domain/schemas/account.ts';
import type { AuditEntry } from '../../../../domain/schemas/audit.ts';
import { getLang } from '../../i18n/i18n.ts';

export type { Me, AuditEntry };

export const LOGIN_PATH = '/login';

const TEXTS = {
  vi: {
    title: 'Đăng nhập',
    lead: 'Đăng nhập để xem và cập nhật số liệu tiết kiệm của đơn vị.',
    email: 'Email',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    busy: 'Đang đăng nhập…',
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    logout: 'Đăng xuất',
    logoutAll: 'Đăng xuất mọi nơi',
    roles: { admin: 'Quản trị', officer: 'Kế toán', viewer: 'Xem' },
    wholeTree: 'toàn bộ',
    auditTitle: 'Nhật ký thay đổi',
    auditLead: 'Mọi lần nhập, sửa số liệu, đổi định mức, khóa kỳ, thay đổi tài khoản, dùng token và gửi lại email.',
    actor: 'Người thực hiện',
    action: 'Thao tác',
    entityType: 'Loại đối tượng',
    entityKey: 'Đối tượng',
    unit: 'Đơn vị',
    from: 'Từ ngày',
    to: 'Đến ngày',
    filter: 'Lọc',
    clear: 'Xóa bộ lọc',
    more: 'Xem thêm',
    time: 'Thời điểm',
    ip: 'Địa chỉ',
    change: 'Trước → sau',
    empty: 'Không có mục nào khớp bộ lọc.',
    all: '(tất cả)',
  },
  en: {
    title: 'Sign in',
    lead: "Sign in to see and update your unit's thrift figures.",
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    network: 'Cannot reach the server. Check the network and try again.',
    logout: 'Sign out',
    logoutAll: 'Sign out everywhere',
    roles: { admin: 'Admin', officer: 'Finance officer', viewer: 'Viewer' },
    wholeTree: 'all units',
    auditTitle: 'Audit trail',
    auditLead: 'Every import, correction, setting change, lock, account change, token use and email resend.',
    actor: 'Who',
    action: 'Action',
    entityType: 'Entity type',
    entityKey: 'Entity',
    unit: 'Unit',
    from: 'From',
    to: 'To',
    filter: 'Filter',
    clear: 'Clear filters',
    more: 'Load more',
    time: 'When',
    ip: 'From',
    change: 'Before → after',
    empty: 'Nothing matches these filters.',
    all: '(all)',
  },
};

export function text() {
  return TEXTS[getLang()] ?? TEXTS.vi;
}

export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number | null> = {},
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new AuthError(0, 'network', text().network);
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; params?: AuthError['params'] };
  };
  if (!res.ok)
    throw new AuthError(
      res.status,
      data.error?.code ?? `http_${res.status}`,
      data.error?.message ?? `HTTP ${res.status}`,
      data.error?.params,
    );
  return data as T;
}

export const auth = {
  me: () => call<Me>('GET', '/api/auth/me'),
  login: (email: string, password: string) => call<Me>('POST', '/api/auth/login', { email, password }),
  logout: () => call<void>('POST', '/api/auth/logout'),
  logoutAll: () => call<{ sessionsEnded: number }>('POST', '/api/auth/logout-all'),
  audit: (q: Record<string, string>) =>
    call<{ entries: AuditEntry[]; nextBefore: number | null }>('GET', `/api/audit?${new URLSearchParams(q)}`),
};

/**
 * Where to go after signing in: `next` resolved the way the browser will resolve it (which
 * drops tabs and line breaks and reads '\\' as '/'), kept only when it stays on this origin;
 * else the overview. Returned absolute, so that no later step can read it as '//host'.
 */
export function safeNext(next: string | null, origin: string = location.origin): string {
  const home = new URL('/', origin).href;
  if (!next) return home;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return home;
  }
  if (url.origin !== new URL(origin).origin) return home;
  if (url.pathname === LOGIN_PATH || url.pathname.startsWith(`${LOGIN_PATH}/`)) return home;
  return url.href;
}
