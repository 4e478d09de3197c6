/**
 * GET /api/reports?unit=&year=&quarter=|half=&format=json|xlsx|pdf|docx&number=&date= — a unit's
 * thrift report as the agency files it (Nghị định 30/2020/NĐ-CP);
 * PUT /api/reports/explanations — the explanation of a missed target.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { ExplanationInputSchema, ExplanationSchema, ReportQuerySchema } from '../../domain/schemas/report.ts';
import { FiledReportSchema } from '../../domain/schemas/report-document.ts';
import { ErrorBodySchema } from '../../domain/schemas/common.ts';
import { buildFiledReport, CONTENT_TYPES, renderReport, reportFileName, saveExplanation } from './reports.service.ts';
import { callerOf } from '../auth/context.ts';

const errors = {
  400: { description: 'Bad request', content: { 'application/json': { schema: ErrorBodySchema } } },
  404: { description: 'Unknown unit or category', content: { 'application/json': { schema: ErrorBodySchema } } },
};

const getRoute = createRoute({
  method: 'get',
  path: '/reports',
  tags: ['reports'],
  summary:
    "A unit's thrift report for a year, half-year or quarter as the agency files it (ND30 layout), as JSON, XLSX, PDF or DOCX",
  request: { query: ReportQuerySchema },
  responses: {
    200: {
      description: 'The report',
      content: {
        'application/json': { schema: FiledReportSchema },
        [CONTENT_TYPES.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
        [CONTENT_TYPES.pdf]: { schema: z.string().openapi({ format: 'binary' }) },
        [CONTENT_TYPES.docx]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errors,
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/reports/explanations',
  tags: ['reports'],
  summary: 'Write (or replace) the explanation of a missed target for a report period',
  request: { body: { content: { 'application/json': { schema: ExplanationInputSchema } }, required: true } },
  responses: {
    200: { description: 'Stored', content: { 'application/json': { schema: ExplanationSchema } } },
    ...errors,
  },
});

export function reportsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.openapi(getRoute, async (c) => {
    const q = c.req.valid('query');
    const report = await buildFiledReport(deps, {
      unitCode: q.unit,
      year: q.year,
      quarter: q.quarter,
      half: q.half,
      number: q.number,
      date: q.date,
    });
    if (q.format === 'json') return c.json(report, 200);
    const bytes = await renderReport(report, q.format);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[q.format],
        'content-disposition': `attachment; filename="${reportFileName(report, q.format)}"`,
        'cache-control': 'no-store',
      },
    });
  });
  app.openapi(putRoute, async (c) => c.json(await saveExplanation(deps, c.req.valid('json'), callerOf(c)), 200));
  return app;
}
