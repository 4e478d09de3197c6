/**
 * Response sets for route definitions (createRoute's `responses`), so every route words the same
 * status the same way and a new route documents what it can answer in one line:
 *
 * @example
 *   responses: {
 *     200: jsonResponse(ThingSchema, 'The thing'),
 *     ...errorResponses({ 404: 'Unknown unit or category', 423: 'period_locked: the period is locked' }),
 *   }
 *
 * What every route can answer (400 for a bad query or body, 401, 403, 413, 500, 503, 507) is added
 * to the document from the authorization policy by ./document.ts: list here only what the route
 * itself adds (404, 409, 415, 422, 423, 429, 304, …). The conformance check in the integration
 * tests (test/helpers/openapi-conformance.ts) fails on any status a test receives undocumented.
 */
import { z } from '@hono/zod-openapi';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';

/** A JSON response with its schema. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** The error envelope {error: {code, message, details?}}; say the codes in the description. */
export const errorResponse = (description: string) => jsonResponse(ErrorBodySchema, description);

/** Several error statuses at once: `...errorResponses({ 404: '…', 409: '…' })`. */
export function errorResponses<S extends number>(
  byStatus: Record<S, string>,
): Record<S, ReturnType<typeof errorResponse>> {
  const out = {} as Record<S, ReturnType<typeof errorResponse>>;
  for (const [status, description] of Object.entries<string>(byStatus))
    out[Number(status) as S] = errorResponse(description);
  return out;
}

/** A file download (CSV, XLSX, PDF, DOCX …): `content-type` → a binary or text body. */
export function fileResponse(description: string, ...contentTypes: string[]) {
  return {
    description,
    content: Object.fromEntries(
      contentTypes.map((t) => [
        t,
        { schema: t.startsWith('text/') ? z.string() : z.string().openapi({ format: 'binary' }) },
      ]),
    ),
  };
}

/** 304 for a conditional GET (If-None-Match matched the ETag): no body. */
export const notModifiedResponse = { description: 'Not modified: the ETag sent in If-None-Match still matches' };
