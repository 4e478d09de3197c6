/**
 * Uploads: POST /api/imports (multipart `file`, `kind`, `dryRun`), the imports log and reports,
 * the error file of a rejected upload, and the download templates.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { ImportKindSchema, ImportReportSchema } from '../../domain/schemas/import.ts';
import { importFile, recordFailedUpload } from './imports.service.ts';
import { formFlag, throwUnlessStored } from './confirmation.ts';
import { uploadBodyLimit } from './upload-peek.ts';
import { getImportRow, listImportRows, toImportReport, type StoredImportError } from './imports.repository.ts';
import { buildErrorCsv } from './error-file.ts';
import { figuresTemplate, normsTemplate, sheetToCsv, sheetToXlsx, unitsTemplate } from './templates.ts';
import { callerOf, scopeOf } from '../auth/context.ts';
import { InvoiceImportReportSchema } from '../../domain/schemas/einvoice.ts';
import { uploadInvoices } from '../einvoices/einvoices.upload.ts';

const ImportResultSchema = ImportReportSchema.extend({
  errorCount: z.number().int().openapi({ description: 'All errors, also those beyond the 10,000 kept' }),
});
const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'payload_too_large',
    `Tệp quá lớn: tối đa ${Math.floor(maxBytes / 1024 / 1024)} MB. Hãy chia tệp theo tháng hoặc theo đơn vị.`,
    undefined,
    undefined,
    { mb: Math.floor(maxBytes / 1024 / 1024) },
  );

const uploadRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/imports',
    tags: ['imports'],
    summary:
      'Upload a figures, units, norms or invoice-accounts file (CSV or XLSX), or e-invoices (XML, ZIP); all or nothing',
    middleware: [
      uploadBodyLimit(deps.env.UPLOAD_MAX_BYTES, async (c, peek) => {
        // Refused before the body is read: its name and kind come from the first bytes, if they can.
        const e = tooLarge(deps.env.UPLOAD_MAX_BYTES);
        await recordFailedUpload(
          deps,
          {
            kind: ImportKindSchema.safeParse(peek.kind).data ?? 'figures',
            fileName: peek.fileName ?? '',
            sha256: '',
            sizeBytes: peek.received ?? (Number(c.req.header('content-length') ?? 0) || 0),
            actor: callerOf(c).actor,
          },
          e,
        );
        return c.json({ error: { code: e.code, message: e.message } }, 413);
      }),
    ] as const,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              file: z.any().openapi({ type: 'string', format: 'binary' }),
              kind: ImportKindSchema.optional(),
              dryRun: z.enum(['1', '0', 'true', 'false']).optional(),
              acceptWarnings: z
                .enum(['1', '0', 'true', 'false'])
                .optional()
                .openapi({ description: 'Store despite plausibility warnings (the person confirmed them)' }),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Stored, or the dry-run preview (kind=invoices: the invoice import report)',
        content: { 'application/json': { schema: z.union([ImportResultSchema, InvoiceImportReportSchema]) } },
      },
      400: err('No file in the request'),
      403: err('Rows name units the caller may not write: details holds the full report, every row error listed'),
      409: err(
        'warnings_unconfirmed: plausibility warnings not confirmed (send acceptWarnings=1), nothing stored; details holds the report (kind=invoices too)',
      ),
      413: err('File larger than UPLOAD_MAX_BYTES (or unpacks larger)'),
      415: err('Not a CSV/TSV/TXT or XLSX file'),
      422: err('Rejected: details holds the full report with every error'),
      423: err('A period in the file is locked'),
    },
  });

const listRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['imports'],
  summary: 'Recent imports, newest first',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: {
    200: {
      description: 'Imports',
      content: {
        'application/json': {
          schema: z.object({
            imports: z.array(ImportResultSchema.omit({ errors: true, changes: true, warnings: true })),
          }),
        },
      },
    },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/imports/{id}',
  tags: ['imports'],
  summary: 'The report of one import',
  request: { params: IdParams },
  responses: {
    200: { description: 'Report', content: { 'application/json': { schema: ImportResultSchema } } },
    404: err('No such import'),
  },
});

const errorsRoute = createRoute({
  method: 'get',
  path: '/imports/{id}/errors.csv',
  tags: ['imports'],
  summary: 'The rejected rows with a column "Lỗi" (UTF-8 with BOM, opens in Excel)',
  request: { params: IdParams },
  responses: { 200: csv('Error file'), 404: err('No such import') },
});

const ShapeQuery = z.object({ shape: z.enum(['long', 'wide']).default('long') });
const figuresCsvRoute = createRoute({
  method: 'get',
  path: '/templates/figures.csv',
  tags: ['templates'],
  summary: 'Figures template (CSV): each row in the first month not stored yet, from the last closed one',
  request: { query: ShapeQuery },
  responses: { 200: csv('Template') },
});
const figuresXlsxRoute = createRoute({
  method: 'get',
  path: '/templates/figures.xlsx',
  tags: ['templates'],
  summary: 'Figures template (XLSX): each row in the first month not stored yet, from the last closed one',
  request: { query: ShapeQuery },
  responses: {
    200: {
      description: 'Template',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
  },
});
const unitsCsvRoute = createRoute({
  method: 'get',
  path: '/templates/units.csv',
  tags: ['templates'],
  summary: 'Units template (CSV), the current tree',
  responses: { 200: csv('Template') },
});
const normsCsvRoute = createRoute({
  method: 'get',
  path: '/templates/norms.csv',
  tags: ['templates'],
  summary: 'Norms and targets template (CSV), the current year',
  responses: { 200: csv('Template') },
});

const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
});

export function importsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono();

  app.openapi(uploadRoute(deps), async (c) => {
    const form = c.req.valid('form');
    // E-invoices: one or more XML/ZIP files, imported together (server/einvoices/einvoices.upload.ts).
    if (form.kind === 'invoices') return c.json(await uploadInvoices(deps, c, form), 200);
    const file = form.file as unknown;
    if (!(file instanceof File))
      throw new AppError(400, 'file_missing', 'Chưa chọn tệp: gửi tệp trong trường "file" của biểu mẫu.');
    const kind = form.kind ?? 'figures';
    const caller = callerOf(c);
    // The name is only shown and matched for its extension; it is never used as a path.
    const fileName = file.name || 'upload';
    if (file.size > deps.env.UPLOAD_MAX_BYTES) {
      const e = tooLarge(deps.env.UPLOAD_MAX_BYTES);
      await recordFailedUpload(deps, { kind, fileName, sha256: '', sizeBytes: file.size, actor: caller.actor }, e);
      throw e;
    }
    // Accounts: the unit tree is the administrators' (finance officers import figures and norms).
    if (kind === 'units' && !scopeOf(c).isAdmin)
      throw new AppError(403, 'forbidden', 'Chỉ quản trị viên được nhập cây đơn vị.', undefined, undefined, {
        reason: 'admin_only',
        subject: 'units',
        access: 'write',
      });
    const src = { fileName, bytes: new Uint8Array(await file.arrayBuffer()) };
    // 415 (not CSV/XLSX by extension and signature) and 413 (unpacks too large) are thrown, and
    // recorded, by importFile; the audit row of a stored file is written in its transaction.
    const report = await importFile(deps, src, {
      kind,
      dryRun: formFlag(form.dryRun),
      acceptWarnings: formFlag(form.acceptWarnings),
      actor: caller.actor,
      allowedUnitIds: caller.writeIds,
      audit: caller,
    });
    throwUnlessStored(report);
    return c.json(report, 200);
  });

  app.openapi(listRoute, async (c) => {
    // Accounts: a finance officer sees the imports they made; administrators see all.
    const mine = (r: { created_by: string | null }) => scopeOf(c).isAdmin || r.created_by === callerOf(c).actor;
    const rows = (await listImportRows(deps.db, c.req.valid('query').limit)).filter(mine);
    const imports = rows.map((r) => {
      const {
        errors: _e,
        changes: _c,
        warnings: _w,
        ...rest
      } = toImportReport({ ...r, errors: '[]', warnings: '[]', headers: null });
      return { ...rest, errorCount: r.error_count };
    });
    return c.json({ imports }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const row = await getImportRow(deps.db, c.req.valid('param').id);
    if (!row || !(scopeOf(c).isAdmin || row.created_by === callerOf(c).actor)) throw notFound('lần nhập này');
    return c.json(toImportReport(row), 200);
  });

  app.openapi(errorsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await getImportRow(deps.db, id);
    if (!row || !(scopeOf(c).isAdmin || row.created_by === callerOf(c).actor)) throw notFound('lần nhập này');
    const body = buildErrorCsv(
      row.headers ? (JSON.parse(row.headers) as string[]) : null,
      JSON.parse(row.errors) as StoredImportError[],
    );
    return c.body(body, 200, csvHeaders(`loi-nhap-${id}.csv`));
  });

  app.openapi(figuresCsvRoute, async (c) => {
    const shape = c.req.valid('query').shape;
    return c.body(
      sheetToCsv(await figuresTemplate(deps, shape, callerOf(c).writeIds)),
      200,
      csvHeaders(`mau-so-lieu-${shape}.csv`),
    );
  });
  app.openapi(figuresXlsxRoute, async (c) => {
    const shape = c.req.valid('query').shape;
    const bytes = await sheetToXlsx(await figuresTemplate(deps, shape, callerOf(c).writeIds));
    return c.body(bytes as unknown as ArrayBuffer, 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="mau-so-lieu-${shape}.xlsx"`,
    });
  });
  app.openapi(unitsCsvRoute, async (c) =>
    c.body(sheetToCsv(await unitsTemplate(deps)), 200, csvHeaders('mau-don-vi.csv')),
  );
  app.openapi(normsCsvRoute, async (c) =>
    c.body(sheetToCsv(await normsTemplate(deps, callerOf(c).writeIds)), 200, csvHeaders('mau-dinh-muc.csv')),
  );

  return app;
}
