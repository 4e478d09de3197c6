/**
 * The browser's only door to the API: fetch with JSON, errors turned into ApiError carrying the
 * server's stable code and Vietnamese message. Types come from domain/schemas as `import type`
 * only, so zod never reaches the bundle.
 */
import type { Unit } from '../../domain/schemas/unit.ts';
import type { Category } from '../../domain/schemas/category.ts';
import type {
  ComparisonResponse,
  CoverageGrid,
  ResultsResponse,
  SubmissionStatus,
} from '../../domain/schemas/results.ts';
import type { ReminderEntry } from '../../domain/schemas/email.ts';
import type { EffectiveSetting, Setting } from '../../domain/schemas/setting.ts';
import type { ImportKind, ImportReport } from '../../domain/schemas/import.ts';
import type { Figure, FigureCorrection, FigureHistoryEntry } from '../../domain/schemas/figure.ts';

export type {
  Unit,
  Category,
  ComparisonResponse,
  CoverageGrid,
  ReminderEntry,
  ResultsResponse,
  SubmissionStatus,
  EffectiveSetting,
  Setting,
  ImportKind,
  ImportReport,
  Figure,
  FigureCorrection,
  FigureHistoryEntry,
};

import type { Recipient, RecipientCreate, RecipientPatch, RecipientRole } from '../../domain/schemas/recipient.ts';
export type { Recipient, RecipientCreate, RecipientPatch, RecipientRole };

/**
 * An error answer from the API ({error: {code, message, params?, details?}}) or a network
 * failure. `message` is the server's Vietnamese; errorText() (i18n/errors.ts) words code + params
 * in the page's language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly params: Record<string, string | number | null> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Dispatched on window when the API answers 401. */
export const UNAUTHENTICATED_EVENT = 'tk-unauthenticated';

type Query = Record<string, string | number | boolean | null | undefined>;

/** '/api/x' plus the non-empty query parameters. */
export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v != null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

/**
 * GET answers requested ahead of the view that will ask for them (the shell starts them beside the
 * view's code chunk, so the first chart waits for the slower of the two, not for both in turn).
 * Each is taken once, by the first request for the same URL, and forgotten after a few seconds
 * if no one asks, so nothing stale is ever served from here.
 */
const prefetched = new Map<string, Promise<Answer | null>>();
const PREFETCH_TTL_MS = 10_000;
/**
 * The URL with its parameters in code-unit order (not localeCompare: a page's first collator
 * loads ICU's collation data, ~55 ms of the first load on a slow machine).
 */
const sameUrl = (url: string) => {
  const [p, q = ''] = url.split('?');
  return `${p}?${[...new URLSearchParams(q)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map((kv) => kv.join('='))
    .join('&')}`;
};

/** An HTTP answer with its body read. */
interface Answer {
  ok: boolean;
  status: number;
  text: string;
}
const answerOf = async (res: Response): Promise<Answer> => ({ ok: res.ok, status: res.status, text: await res.text() });

/**
 * Starts GET path?query now and reads its body as it arrives; the next `request` for the same URL
 * takes the answer. Read here, not when the view asks: a body read later waits for a task of the
 * busy page, and the view painted its loading state once more before its data (~50 ms).
 */
export function prefetch(path: string, query: Query = {}): void {
  const key = sameUrl(apiUrl(path, query));
  if (prefetched.has(key)) return;
  const p = fetch(apiUrl(path, query), {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  })
    .then(answerOf)
    .catch(() => null);
  prefetched.set(key, p);
  setTimeout(() => {
    if (prefetched.get(key) === p) prefetched.delete(key);
  }, PREFETCH_TTL_MS);
}

export async function request<T>(
  method: string,
  path: string,
  opts: { query?: Query; body?: unknown; form?: FormData; signal?: AbortSignal } = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    signal: opts.signal,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (opts.form) init.body = opts.form;
  else if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Answer;
  try {
    const key = method === 'GET' ? sameUrl(apiUrl(path, opts.query)) : '';
    const early = key ? prefetched.get(key) : undefined;
    if (early) prefetched.delete(key);
    const answer = early ? await early : null;
    opts.signal?.throwIfAborted();
    res = answer ?? (await answerOf(await fetch(apiUrl(path, opts.query), init)));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  }
  const text = res.text;
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok) {
    // Signed out (session expired): the accounts feature listens for this to show its login view.
    if (res.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
    const err = (
      data as
        { error?: { code?: string; message?: string; details?: unknown; params?: ApiError['params'] } } | undefined
    )?.error;
    throw new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? `Lỗi máy chủ (${res.status}).`,
      err?.details,
      err?.params ?? { status: res.status },
    );
  }
  return data as T;
}

export const api = {
  units: (signal?: AbortSignal) => request<{ units: Unit[] }>('GET', '/units', { signal }).then((r) => r.units),
  categories: (signal?: AbortSignal) =>
    request<{ categories: Category[] }>('GET', '/categories', { signal }).then((r) => r.categories),

  results: (q: { unit: string; year: number; through?: string }, signal?: AbortSignal) =>
    request<ResultsResponse>('GET', '/results', { query: q, signal }),
  submissions: (q: { unit: string; period: string }, signal?: AbortSignal) =>
    request<SubmissionStatus>('GET', '/results/submissions', { query: q, signal }),
  compare: (q: { unit: string; year: number; through?: string }, signal?: AbortSignal) =>
    request<ComparisonResponse>('GET', '/results/compare', { query: q, signal }),

  /** Every unit of a subtree × the twelve months: submitted, missing, not expected. */
  coverage: (q: { unit: string; year: number }, signal?: AbortSignal) =>
    request<CoverageGrid>('GET', '/results/coverage', { query: q, signal }),
  /** Who of a subtree was reminded (finance officers) or told (heads) about which month, and when. */
  reminders: (q: { unit: string; year: number }, signal?: AbortSignal) =>
    request<{ reminders: ReminderEntry[] }>('GET', '/emails/reminders', { query: q, signal }).then((r) => r.reminders),

  settings: (q: { unit: string; year: number }, signal?: AbortSignal) =>
    request<{ unit: string; year: number; settings: EffectiveSetting[] }>('GET', '/settings', { query: q, signal }),
  putSetting: (s: Setting) => request<unknown>('PUT', '/settings', { body: s }),
  deleteSetting: (q: { unit: string; category: string; year: number }) =>
    request<unknown>('DELETE', '/settings', { query: q }),

  /**
   * Dry run or store. A rejected file throws ApiError with code 'import_rejected' and the
   * ImportReport as details; a file with warnings stored without `acceptWarnings` throws 409
   * 'warnings_unconfirmed' with the report.
   */
  importFile: (file: File, kind: ImportKind, dryRun: boolean, acceptWarnings = false) => {
    const form = new FormData();
    form.set('file', file, file.name);
    form.set('kind', kind);
    if (dryRun) form.set('dryRun', '1');
    if (acceptWarnings) form.set('acceptWarnings', '1');
    return request<ImportReport>('POST', '/imports', { form });
  },
  errorsCsvUrl: (id: number) => apiUrl(`/imports/${id}/errors.csv`),
  templateUrl: (format: 'csv' | 'xlsx', shape: 'long' | 'wide') => apiUrl(`/templates/figures.${format}`, { shape }),

  figures: (q: { unit: string; from: string; to: string; subtree?: 0 | 1; category?: string }, signal?: AbortSignal) =>
    request<{ figures: Figure[] }>('GET', '/figures', { query: q, signal }).then((r) => r.figures),
  putFigure: (c: FigureCorrection) =>
    request<{ figure: Figure; history: FigureHistoryEntry[] }>('PUT', '/figures', { body: c }),
  figureHistory: (q: { unit: string; category: string; period: string }, signal?: AbortSignal) =>
    request<{ history: FigureHistoryEntry[] }>('GET', '/figures/history', { query: q, signal }).then((r) => r.history),

  recipients: (unit: string, signal?: AbortSignal) =>
    request<{ recipients: Recipient[] }>('GET', '/recipients', { query: { unit }, signal }).then((r) => r.recipients),
  addRecipient: (r: RecipientCreate) => request<{ recipient: Recipient }>('POST', '/recipients', { body: r }),
  patchRecipient: (id: number, patch: RecipientPatch) =>
    request<{ recipient: Recipient }>('PATCH', `/recipients/${id}`, { body: patch }),
  deleteRecipient: (id: number) => request<unknown>('DELETE', `/recipients/${id}`),
};
