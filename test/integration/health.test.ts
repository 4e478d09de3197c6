import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('app basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /api/health with the dialect', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: t.tdb.dialect });
  });

  it('lists the four seeded categories in order', async () => {
    const res = await t.request('/api/categories');
    const body = (await res.json()) as {
      categories: { code: string; quantityUnit: string | null; defaultTargetPct: number }[];
    };
    expect(body.categories.map((c) => c.code)).toEqual(['stationery', 'phone', 'electricity', 'other']);
    expect(body.categories[2]).toMatchObject({ quantityUnit: 'kWh', defaultTargetPct: 15 });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await t.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/health');
  });
});
