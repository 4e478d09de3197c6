import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('recipients API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const now = new Date().toISOString();
    const root = await t.deps.db
      .insertInto('units')
      .values({
        code: 'STTTT',
        name: 'Sở Thông tin và Truyền thông',
        parent_id: null,
        headcount: 48,
        aliases: '[]',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto('units')
      .values({
        code: 'STTTT-VP',
        name: 'Văn phòng Sở',
        parent_id: root.id,
        headcount: 14,
        aliases: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(() => t.close());

  it('adds, lists, changes and deletes recipients', async () => {
    let res = await t.request(
      '/api/recipients',
      json({ unitCode: 'STTTT', email: ' Bi.Thu@Example.gov.vn ', name: 'Bí thư Đảng ủy' }),
    );
    expect(res.status).toBe(201);
    const { recipient } = (await res.json()) as { recipient: { id: number } };
    expect(recipient).toMatchObject({
      unitCode: 'STTTT',
      email: 'bi.thu@example.gov.vn',
      name: 'Bí thư Đảng ủy',
      lang: 'vi',
      active: true,
    });

    res = await t.request(
      '/api/recipients',
      json({ unitCode: 'STTTT-VP', email: 'ke.toan@example.gov.vn', lang: 'en' }),
    );
    expect(res.status).toBe(201);

    res = await t.request('/api/recipients?unit=STTTT');
    let list = (await res.json()) as { recipients: { email: string }[] };
    expect(list.recipients.map((r) => r.email)).toEqual(['bi.thu@example.gov.vn']);
    res = await t.request('/api/recipients');
    list = (await res.json()) as { recipients: { email: string }[] };
    expect(list.recipients).toHaveLength(2);

    res = await t.request(`/api/recipients/${recipient.id}`, json({ active: false, lang: 'en' }, 'PATCH'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      recipient: { active: false, lang: 'en', email: 'bi.thu@example.gov.vn' },
    });

    res = await t.request(`/api/recipients/${recipient.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    res = await t.request(`/api/recipients/${recipient.id}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
  });

  it('rejects a bad address, an unknown unit and a duplicate with clear errors', async () => {
    let res = await t.request('/api/recipients', json({ unitCode: 'STTTT', email: 'not-an-address' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toContain('email');

    res = await t.request('/api/recipients', json({ unitCode: 'NOPE', email: 'a@example.gov.vn' }));
    expect(res.status).toBe(404);

    res = await t.request('/api/recipients', json({ unitCode: 'STTTT', email: 'giam.doc@example.gov.vn', lang: 'fr' }));
    expect(res.status).toBe(400);

    await t.request('/api/recipients', json({ unitCode: 'STTTT', email: 'giam.doc@example.gov.vn' }));
    res = await t.request('/api/recipients', json({ unitCode: 'STTTT', email: 'GIAM.DOC@example.gov.vn' }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'recipient_exists' } });
  });
});
