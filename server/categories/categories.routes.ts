/** GET /api/categories. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { CategorySchema } from '../../domain/schemas/category.ts';
import type { AppDeps } from '../deps.ts';
import { listCategoryRows, toCategory } from './categories.repository.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['categories'],
  summary: 'Spending categories, in display order',
  responses: {
    200: {
      description: 'Categories',
      content: { 'application/json': { schema: z.object({ categories: z.array(CategorySchema) }) } },
    },
  },
});

export function categoriesRoutes(deps: AppDeps) {
  return new OpenAPIHono().openapi(listRoute, async (c) =>
    c.json({ categories: (await listCategoryRows(deps.db)).map(toCategory) }, 200),
  );
}
