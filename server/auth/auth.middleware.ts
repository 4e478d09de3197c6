/**
 * The auth middleware on /api/*: who is calling (bearer token or session cookie), which route
 * they hit (the policy table in ./policy.ts), whether they may (401/403), and the CSRF rule:
 * a cookie-authenticated write must come from our own pages (bearer requests cannot be forged
 * by another site, so they are exempt). Token writes leave an audit row ('token.use').
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, deleteCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { isoNow } from '../clock.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { identifySession, identifyToken } from './auth.service.ts';
import { ruleFor, type Rule, type UnitSource } from './policy.ts';
import { canRead, canWrite, canWriteAnything } from './scope.ts';
import { clientIp, isUnsafeMethod, requestSite, SESSION_COOKIE } from './request-guards.ts';
import { unitIdByCode, type Principal } from './principal.ts';
import { bumpChangeStamp, readChangeStamp } from '../db/change-stamp.ts';
import './context.ts';

const JSON_LIMIT = 1024 * 1024;

const unauthenticated = () => new AppError(401, 'unauthenticated', 'Vui lòng đăng nhập.');
const forbidden = (message: string, params: Record<string, string>, details?: unknown) =>
  new AppError(403, 'forbidden', message, details, undefined, params);

/** What a route changes or shows, so a refusal names it (on the norms page: "định mức và chỉ tiêu"). */
export type Subject =
  | 'figures'
  | 'settings'
  | 'reports'
  | 'recipients'
  | 'blocs'
  | 'invoices'
  | 'locks'
  | 'audit'
  | 'users'
  | 'emails'
  | 'data';
const SUBJECT_VI: Record<Subject, string> = {
  figures: 'số liệu',
  settings: 'định mức và chỉ tiêu',
  reports: 'giải trình báo cáo',
  recipients: 'người nhận báo cáo',
  blocs: 'khối thi đua',
  invoices: 'hóa đơn điện tử',
  locks: 'khóa sổ',
  audit: 'nhật ký thao tác',
  users: 'tài khoản người dùng',
  emails: 'thư báo cáo',
  data: 'dữ liệu',
};
export function subjectOf(routePath: string): Subject {
  const seg = routePath.split('/')[2] ?? '';
  if (seg === 'figures' && routePath.includes('invoice')) return 'invoices';
  if (seg === 'figures' || seg === 'imports' || seg === 'templates') return 'figures';
  if (seg === 'settings') return 'settings';
  if (seg === 'reports') return 'reports';
  if (seg === 'recipients') return 'recipients';
  if (seg === 'blocs') return 'blocs';
  if (seg.includes('invoice')) return 'invoices';
  if (seg === 'periods' || seg === 'locks') return 'locks';
  if (seg === 'audit') return 'audit';
  if (seg === 'users' || seg === 'tokens') return 'users';
  if (seg === 'emails') return 'emails';
  return 'data';
}
const sessionRequired = () =>
  new AppError(
    403,
    'session_required',
    'Thao tác này cần đăng nhập trên trình duyệt; token API không được quản lý token hay phiên đăng nhập.',
  );
const insufficientScope = () =>
  new AppError(403, 'insufficient_scope', 'Token này chỉ có quyền đọc (scope "read"), không được thay đổi dữ liệu.');
const csrfRefused = () =>
  new AppError(403, 'csrf', 'Yêu cầu bị từ chối: không đến từ trang Tiết Kiệm. Hãy tải lại trang và thử lại.');

/** The API route Hono will run for this request, as registered ('/api/imports/:id'), or null. */
export function matchedApiRoute(c: Context): string | null {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const r = matchedRoutes(c).find((r) => r.method === method && r.path.startsWith('/api/') && !r.path.endsWith('*'));
  return r?.path ?? null;
}

function paramOf(routePath: string, actual: string, name: string): string | undefined {
  const pattern = routePath.split('/');
  const parts = actual.split('/');
  const i = pattern.findIndex((seg) => seg === `:${name}` || seg.startsWith(`:${name}{`));
  if (i < 0 || parts[i] === undefined) return undefined;
  try {
    return decodeURIComponent(parts[i]);
  } catch {
    return parts[i];
  }
}

function codesInBody(body: unknown, field: string): string[] {
  const out: string[] = [];
  const take = (o: unknown) => {
    if (o && typeof o === 'object' && typeof (o as Record<string, unknown>)[field] === 'string')
      out.push((o as Record<string, string>)[field]);
  };
  if (Array.isArray(body)) body.forEach(take);
  else if (body && typeof body === 'object') {
    take(body);
    for (const v of Object.values(body)) if (Array.isArray(v)) v.forEach(take);
  }
  return out;
}

/** Unit codes the request names, or 'whole-tree' / 'handler' when the rule defers. */
async function unitsNamed(
  c: Context,
  routePath: string,
  src: UnitSource,
): Promise<string[] | 'whole-tree' | 'handler'> {
  if ('file' in src || 'filtered' in src) return 'handler';
  if ('query' in src) {
    const codes = (c.req.queries(src.query) ?? [])
      .flatMap((v) => v.split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    if (codes.length) return codes;
    return src.absent === 'filtered' ? 'handler' : 'whole-tree';
  }
  if ('param' in src) {
    const v = paramOf(routePath, c.req.path, src.param);
    return v ? [v] : 'whole-tree';
  }
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('json')) return 'whole-tree';
  const body: unknown = await c.req.json().catch(() => null);
  const codes = codesInBody(body, src.body);
  return codes.length ? [...new Set(codes)] : 'whole-tree';
}

/**
 * Whether a set of unit ids holds the whole tree: O(units), so remembered per set (a cached
 * principal keeps its scope's sets, and its tree, while nothing is written).
 */
const covering = new WeakMap<ReadonlySet<number>, { units: readonly unknown[]; all: boolean }>();
function coversTree(ids: ReadonlySet<number>, units: readonly { id: number }[]): boolean {
  const known = covering.get(ids);
  if (known && known.units === units) return known.all;
  const all = units.every((u) => ids.has(u.id));
  covering.set(ids, { units, all });
  return all;
}

async function authorize(c: Context, p: Principal, rule: Rule, routePath: string): Promise<void> {
  if (rule.access === 'signed-in' || rule.access === 'public') return;
  const subject = subjectOf(routePath);
  if (rule.access === 'admin') {
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!p.scope.isAdmin)
      throw forbidden(`Chỉ quản trị viên được ${reading ? 'xem' : 'thay đổi'} ${SUBJECT_VI[subject]}.`, {
        reason: 'admin_only',
        subject,
        access: reading ? 'read' : 'write',
      });
    return;
  }
  const writing = rule.access === 'write';
  if (writing && !canWriteAnything(p.scope))
    throw forbidden(`Tài khoản chỉ có quyền xem, không được thay đổi ${SUBJECT_VI[subject]}.`, {
      reason: 'read_only',
      subject,
    });
  const named = await unitsNamed(c, routePath, rule.unit);
  if (named === 'handler') return;
  if (named === 'whole-tree') {
    const ids = writing ? p.scope.writeIds : p.scope.readIds;
    // A grant on the root covers the whole tree as surely as a global one.
    if (ids !== null && !coversTree(ids, p.units))
      throw forbidden('Thao tác này áp dụng cho toàn bộ cây đơn vị; hãy chọn một đơn vị bạn được giao.', {
        reason: 'whole_tree',
        subject,
      });
    return;
  }
  const idByCode = unitIdByCode(p.units);
  for (const code of named) {
    const id = idByCode.get(code);
    // An unknown code is the handler's 404 for those who may see everything; others learn nothing.
    const ok =
      id === undefined
        ? (writing ? p.scope.writeIds : p.scope.readIds) === null
        : writing
          ? canWrite(p.scope, id)
          : canRead(p.scope, id);
    if (!ok) {
      throw new AppError(
        403,
        'unit_forbidden',
        writing
          ? `Bạn không có quyền thay đổi ${SUBJECT_VI[subject]} của đơn vị ${code}.`
          : `Bạn không có quyền xem đơn vị ${code}.`,
        { unit: code },
        undefined,
        { unit: code, access: writing ? 'write' : 'read', subject },
      );
    }
  }
}

/** The change stamp of this request: read once (perhaps already by the response memo) and kept on the context. */
async function requestStamp(c: Context, deps: AppDeps): Promise<string | null> {
  let stamp = c.get('changeStamp');
  if (stamp === undefined) c.set('changeStamp', (stamp = await readChangeStamp(deps.db)));
  return stamp;
}

export function authMiddleware(deps: AppDeps): MiddlewareHandler {
  const limitJson = bodyLimit({
    maxSize: JSON_LIMIT,
    onError: () => {
      throw new AppError(413, 'payload_too_large', 'Nội dung yêu cầu quá lớn.');
    },
  });
  return async (c, next) => {
    const ip = clientIp(c, deps.env);
    let principal: Principal | null = null;
    const authz = c.req.header('authorization');
    if (authz !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authz);
      // Read once per request, before the caller is identified; the results cache reuses it.
      const stamp = await requestStamp(c, deps);
      principal = m ? await identifyToken(deps, m[1], stamp) : null;
      if (!principal) throw new AppError(401, 'invalid_token', 'Token không hợp lệ hoặc đã bị thu hồi.');
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) {
        const stamp = await requestStamp(c, deps);
        principal = await identifySession(deps, cookie, stamp);
        if (!principal) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
    }
    c.set('auth', { principal, ip });

    const routePath = matchedApiRoute(c);
    if (!routePath) {
      if (!principal) throw unauthenticated();
      return next(); // → the JSON 404
    }
    const rule = ruleFor(c.req.method, routePath);
    if (!rule) {
      deps.logger.warn(
        { method: c.req.method, route: routePath },
        'route has no authorization rule in server/auth/policy.ts',
      );
      throw new AppError(
        403,
        'no_policy',
        `Đường dẫn này chưa được phân quyền (thêm '${c.req.method} ${routePath}' vào server/auth/policy.ts).`,
      );
    }
    const unsafe = isUnsafeMethod(c.req.method);
    if (unsafe) {
      const site = requestSite(c, deps.env);
      // Cookie-authenticated writes must prove they come from our pages; a public write (sign-in)
      // is refused only when a browser says it is cross-site (login CSRF), scripts may still call it.
      if (site === 'cross' && principal?.via !== 'token') throw csrfRefused();
      if (site === 'unknown' && principal?.via === 'session') throw csrfRefused();
    }
    // Every JSON body (sign-in included) is bounded before anyone parses it.
    if ((c.req.header('content-type') ?? '').includes('json')) await limitJson(c, async () => {});
    if (rule.access !== 'public') {
      if (!principal) throw unauthenticated();
      if ('session' in rule && rule.session && principal.via !== 'session') throw sessionRequired();
      if (unsafe && principal.via === 'token' && principal.tokenScope === 'read') throw insufficientScope();
      await authorize(c, principal, rule, routePath);
    }

    try {
      await next();
    } finally {
      // This instance's caches see its own writes at once (db/change-stamp.ts; PostgreSQL only).
      if (unsafe) bumpChangeStamp(deps.db);
    }

    if (unsafe && principal?.via === 'token') {
      await recordAudit(deps.db, {
        actor: principal.email,
        actorKind: 'token',
        ip,
        at: isoNow(deps.clock),
        action: 'token.use',
        entityType: 'api_token',
        entityKey: String(principal.tokenId),
        after: { method: c.req.method, route: routePath, status: c.res.status },
      });
    }
  };
}
