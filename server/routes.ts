/**
 * Every feature's API routes, mounted under /api. One line per feature; each module owns its
 * paths, schemas and handlers.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.ts';
import { healthRoutes } from './health/health.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { categoriesRoutes } from './categories/categories.routes.ts';
import { importsRoutes } from './imports/imports.routes.ts';
import { figuresRoutes } from './figures/figures.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { documentSettingsRoutes } from './settings/document-settings.routes.ts';
import { resultsRoutes } from './results/results.routes.ts';
import { locksRoutes } from './locks/locks.routes.ts';
import { emailsRoutes } from './emails/emails.routes.ts';
import { recipientsRoutes } from './recipients/recipients.routes.ts';
import { reportsRoutes } from './reports/reports.routes.ts';
import { blocsRoutes } from './blocs/blocs.routes.ts';
import { einvoicesRoutes } from './einvoices/einvoices.routes.ts';

export const apiRouteModules: Array<(deps: AppDeps) => OpenAPIHono> = [
  healthRoutes,
  unitsRoutes,
  categoriesRoutes,
  importsRoutes,
  figuresRoutes,
  settingsRoutes,
  documentSettingsRoutes,
  resultsRoutes,
  locksRoutes,
  emailsRoutes,
  recipientsRoutes,
  reportsRoutes,
  blocsRoutes,
  einvoicesRoutes,
];
