/**
 * Errors are values with a stable code. Services throw these; the one onError in app.ts maps
 * them to status + {error: {code, message, details?}}. Messages are Vietnamese and say what to do.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 503 | 507,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** For 503: sent as Retry-After (seconds). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, details?: unknown) =>
  new AppError(404, 'not_found', `Không tìm thấy ${what}.`, details);
export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new AppError(422, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
