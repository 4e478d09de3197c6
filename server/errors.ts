/**
 * Errors are values with a stable code. Services throw these; the one onError in app.ts maps
 * them to status + {error: {code, message, params?, details?}}. `message` is Vietnamese and says
 * what to do; `code` + `params` let the dashboard word the same error in the reader's language
 * (web/src/i18n/errors.ts), so params carry the values the wording needs, never prose.
 */
export type ErrorParams = Record<string, string | number | null>;

export class AppError extends Error {
  /** The values the code's wording needs; by default the primitive fields of `details`. */
  readonly params?: ErrorParams;

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503 | 507,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** For 503: sent as Retry-After (seconds). */
    readonly retryAfterSeconds?: number,
    params?: ErrorParams,
  ) {
    super(message);
    this.name = 'AppError';
    const p = params ?? paramsOf(details, retryAfterSeconds);
    if (p) this.params = p;
  }
}

/** The string, number and null fields of a details object (plus retryAfterSeconds), or undefined. */
function paramsOf(details: unknown, retryAfterSeconds?: number): ErrorParams | undefined {
  const out: ErrorParams = {};
  if (details && typeof details === 'object' && !Array.isArray(details)) {
    for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number' || v === null) out[k] = v;
    }
  }
  if (retryAfterSeconds !== undefined) out.retryAfterSeconds = retryAfterSeconds;
  return Object.keys(out).length ? out : undefined;
}

/**
 * `what` is the Vietnamese phrase of the message ("đơn vị có mã X"); pass `params.entity`
 * ('unit', 'category', …) and `params.key` so other languages can say it too.
 */
export const notFound = (what: string, details?: unknown, params?: ErrorParams) =>
  new AppError(404, 'not_found', `Không tìm thấy ${what}.`, details, undefined, params);
export const badRequest = (message: string, details?: unknown, params?: ErrorParams) =>
  new AppError(400, 'bad_request', message, details, undefined, params);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
