/**
 * Requests of the report and bloc views, in the api-client's manner (JSON, ApiError with the
 * server's code and Vietnamese message, 401 announced to the accounts feature).
 */
import { ApiError, UNAUTHENTICATED_EVENT, apiUrl } from '../../api-client.ts';
import type { Explanation, ExplanationInput } from '../../../../domain/schemas/report.ts';
import type { FiledReport as Report } from '../../../../domain/schemas/report-document.ts';
import type { Bloc, BlocRanking } from '../../../../domain/schemas/bloc.ts';

export type { Report, Explanation, Bloc, BlocRanking };

async function call<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  }
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
    const err = (
      data as
        { error?: { code?: string; message?: string; details?: unknown; params?: ApiError['params'] } } | undefined
    )?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `Lỗi máy chủ (${res.status}).`,
      err?.details,
      err?.params ?? { status: res.status },
    );
  }
  return data as T;
}

export interface ReportParams {
  unit: string;
  year: number;
  quarter?: number;
  half?: number;
  /** The register number of the filed document. */
  number?: number;
  /** The document's date 'YYYY-MM-DD' (default today). */
  date?: string;
}

export const reportApi = {
  report: (q: ReportParams, signal?: AbortSignal) =>
    call<Report>('GET', apiUrl('/reports', { ...q, format: 'json' }), undefined, signal),
  downloadUrl: (q: ReportParams, format: 'xlsx' | 'pdf' | 'docx') => apiUrl('/reports', { ...q, format }),
  putExplanation: (e: ExplanationInput) => call<Explanation>('PUT', apiUrl('/reports/explanations'), e),
  blocs: (year: number, signal?: AbortSignal) =>
    call<{ blocs: Bloc[] }>('GET', apiUrl('/blocs', { year }), undefined, signal).then((r) => r.blocs),
  ranking: (id: number, signal?: AbortSignal) =>
    call<BlocRanking>('GET', apiUrl(`/blocs/${id}/ranking`), undefined, signal),
  putScores: (id: number, scores: Array<{ unitCode: string; criterionCode: string; points: number }>) =>
    call<BlocRanking>('PUT', apiUrl(`/blocs/${id}/scores`), { scores }),
  /** Whether the caller is an administrator (the bloc secretary); false when accounts are absent or it fails. */
  isAdmin: (signal?: AbortSignal) =>
    call<{ isAdmin?: boolean }>('GET', apiUrl('/auth/me'), undefined, signal).then(
      (m) => m.isAdmin === true,
      () => false,
    ),
};

/** The view's period choice ('' = year, 'H1', 'Q3') as report parameters. */
export function periodParams(choice: string): { quarter?: number; half?: number } {
  const m = /^([QH])([1-4])$/.exec(choice);
  if (!m) return {};
  return m[1] === 'Q' ? { quarter: Number(m[2]) } : Number(m[2]) <= 2 ? { half: Number(m[2]) } : {};
}
