/**
 * Errors as codes with parameters (issue 14 point 8): every refusal the dashboard can meet says
 * its code and the values its wording needs (`params`), besides the Vietnamese `message`; the
 * read-only message names what the page changes (norms: "định mức và chỉ tiêu", not "số liệu").
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { SAMPLES } from '../fixtures/samples.ts';
import { AppError } from '../../server/errors.ts';

type ErrorBody = { error: { code: string; message: string; params?: Record<string, unknown> } };

describe('error codes with params', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const form = new FormData();
    form.set('kind', 'units');
    form.set('file', new File([fs.readFileSync(`${SAMPLES}/units.csv`)], 'units.csv'));
    expect((await t.request('/api/imports', { method: 'POST', body: form })).status).toBe(200);
  });
  afterAll(() => t.close());

  const json = (body: unknown) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('names the norms, not the figures, when a viewer saves a norm', async () => {
    const r = await t.request('/api/settings', {
      method: 'PUT',
      as: 'viewer',
      ...json({ unitCode: 'STTTT-VP', categoryCode: 'stationery', year: 2026, targetPct: 10 }),
    });
    expect(r.status).toBe(403);
    const b = (await r.json()) as ErrorBody;
    expect(b.error).toMatchObject({
      code: 'forbidden',
      params: { reason: 'read_only', subject: 'settings' },
    });
    expect(b.error.message).toContain('định mức và chỉ tiêu');
    expect(b.error.message).not.toContain('số liệu');
  });

  it('says which unit and what an officer may not change outside the subtree', async () => {
    const r = await t.request('/api/figures', {
      method: 'PUT',
      as: 'officer:STTTT-VP',
      ...json({ unitCode: 'STTTT-BCXB', categoryCode: 'stationery', period: '2026-10', amount: 1 }),
    });
    expect(r.status).toBe(403);
    expect(((await r.json()) as ErrorBody).error).toMatchObject({
      code: 'unit_forbidden',
      params: { unit: 'STTTT-BCXB', access: 'write', subject: 'figures' },
    });
  });

  it('tells officers the audit trail is for administrators, as a read', async () => {
    const r = await t.request('/api/audit', { as: 'officer:STTTT-VP' });
    expect(((await r.json()) as ErrorBody).error).toMatchObject({
      code: 'forbidden',
      params: { reason: 'admin_only', subject: 'audit', access: 'read' },
    });
  });

  it('names the entity and key of what was not found', async () => {
    const r = await t.request('/api/results?unit=NOPE&year=2026');
    expect(((await r.json()) as ErrorBody).error).toMatchObject({
      code: 'not_found',
      params: { entity: 'unit', key: 'NOPE' },
    });
  });

  it('lists the fields of an invalid request', async () => {
    const r = await t.request('/api/figures', {
      method: 'PUT',
      ...json({ unitCode: 'STTTT-VP', categoryCode: 'stationery', period: 'tháng 10', amount: -1 }),
    });
    expect(r.status).toBe(400);
    const b = (await r.json()) as ErrorBody;
    expect(b.error.code).toBe('invalid_request');
    expect(String(b.error.params?.fields)).toMatch(/period/);
  });

  it('keeps the old constructor: details as params by default, retryAfterSeconds included', () => {
    const e = new AppError(503, 'database_busy', 'bận', { unit: 'X', list: [1] }, 5);
    expect(e.params).toEqual({ unit: 'X', retryAfterSeconds: 5 });
    expect(new AppError(404, 'x', 'y').params).toBeUndefined();
    expect(new AppError(400, 'x', 'y', { a: 1 }, undefined, { b: 'c' }).params).toEqual({ b: 'c' });
  });
});
