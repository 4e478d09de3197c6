/** Figures: list by unit subtree, period range and category; single correction with history. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { CodeSchema, ErrorBodySchema, PeriodSchema } from '../../domain/schemas/common.ts';
import { FigureCorrectionSchema, FigureHistoryEntrySchema, FigureSchema } from '../../domain/schemas/figure.ts';
import { callerOf } from '../auth/context.ts';
import { correctFigure, figureHistory, listFigures } from './figures.service.ts';
import { exportFigureRows, figuresCsv, figuresXlsx } from './figures.export.ts';
import { FigureExportRowSchema } from '../../domain/schemas/figure.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBodySchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/figures',
  tags: ['figures'],
  summary: 'Figures of a unit (or its subtree), a period range and a category',
  request: {
    query: z.object({
      unit: CodeSchema.optional(),
      subtree: z.enum(['0', '1', 'true', 'false']).optional(),
      from: PeriodSchema.optional(),
      to: PeriodSchema.optional(),
      category: CodeSchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'Figures, by period then unit',
      content: { 'application/json': { schema: z.object({ figures: z.array(FigureSchema) }) } },
    },
    400: err('Bad query'),
    404: err('Unknown unit or category'),
  },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/figures/history',
  tags: ['figures'],
  summary: 'Earlier values of one figure, newest first',
  request: { query: z.object({ unit: CodeSchema, category: CodeSchema, period: PeriodSchema }) },
  responses: {
    200: {
      description: 'History',
      content: { 'application/json': { schema: z.object({ history: z.array(FigureHistoryEntrySchema) }) } },
    },
    404: err('Unknown unit or category'),
  },
});

const correctRoute = createRoute({
  method: 'put',
  path: '/figures',
  tags: ['figures'],
  summary: 'Correct (or add) one figure; the old value is kept in history',
  request: { body: { required: true, content: { 'application/json': { schema: FigureCorrectionSchema } } } },
  responses: {
    200: {
      description: 'The figure as stored and its history',
      content: {
        'application/json': { schema: z.object({ figure: FigureSchema, history: z.array(FigureHistoryEntrySchema) }) },
      },
    },
    400: err('Invalid body'),
    403: err('The caller may not write this unit'),
    404: err('Unknown unit or category'),
    409: err(
      'warnings_unconfirmed: the figure is built from e-invoices and this edit changes it; details.warnings lists the warning, send acceptWarnings: true to store',
    ),
    423: err('The period is locked'),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/figures/export',
  tags: ['figures'],
  summary: 'Every figure of a unit and its subtree (only=1: the unit alone), as JSON, CSV or XLSX',
  description:
    "Rows {unit, period, category, amount, quantity, note, source}: unit and category as codes, amount in đồng, quantity in the category unit (kWh), source `import:ID` or `manual`. CSV: UTF-8 with BOM, the field names as header; XLSX: Vietnamese headings. Text cells starting with = + - @ are prefixed with '.",
  request: {
    query: z.object({
      unit: CodeSchema.optional(),
      only: z.enum(['0', '1', 'true', 'false']).optional(),
      from: PeriodSchema.optional(),
      to: PeriodSchema.optional(),
      format: z.enum(['json', 'csv', 'xlsx']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The figures',
      content: {
        'application/json': { schema: z.object({ rows: z.array(FigureExportRowSchema) }) },
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    400: err('Bad query'),
    403: err('The caller may not read this unit'),
    404: err('Unknown unit'),
  },
});

export function figuresRoutes(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const figures = await listFigures(deps, {
      unit: q.unit,
      subtree: q.subtree === '1' || q.subtree === 'true',
      from: q.from,
      to: q.to,
      category: q.category,
    });
    return c.json({ figures }, 200);
  });
  app.openapi(exportRoute, async (c) => {
    const q = c.req.valid('query');
    const rows = await exportFigureRows(deps, {
      unit: q.unit,
      only: q.only === '1' || q.only === 'true',
      from: q.from,
      to: q.to,
    });
    const name = `so-lieu-${q.unit ?? 'tat-ca'}${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`;
    if (q.format === 'csv')
      return c.body(figuresCsv(rows, { bom: true }), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.csv"`,
      });
    if (q.format === 'xlsx')
      return c.body((await figuresXlsx(rows)) as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      });
    return c.json({ rows }, 200);
  });
  app.openapi(historyRoute, async (c) => c.json({ history: await figureHistory(deps, c.req.valid('query')) }, 200));
  app.openapi(correctRoute, async (c) => c.json(await correctFigure(deps, c.req.valid('json'), callerOf(c)), 200));
  return app;
}
