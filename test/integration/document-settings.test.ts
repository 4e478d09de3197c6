/** Agency document settings over HTTP: inheritance field by field, validation, who may set them, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertUnits } from './results.fixtures.ts';
import type { EffectiveAgencyDocument } from '../../domain/schemas/agency-document.ts';

const blank = {
  superiorBody: null,
  issuerName: null,
  issuerCode: null,
  place: null,
  signerAuthority: null,
  signerTitle: null,
  signerName: null,
  recipients: null,
  numberPattern: null,
};
const put = (body: Record<string, unknown>, as = 'admin') => ({
  method: 'PUT',
  as,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ...blank, ...body }),
});

describe('agency document settings API', () => {
  let t: TestApp;
  const get = async (unit: string, as = 'admin') => {
    const res = await t.request(`/api/settings/document?unit=${unit}`, { as });
    expect(res.status).toBe(200);
    return (await res.json()) as EffectiveAgencyDocument;
  };
  beforeAll(async () => {
    t = await createTestApp();
    await insertUnits(t.deps.db);
  });
  afterAll(() => t.close());

  it('without rows every field is unset', async () => {
    const d = await get('STTTT-VP');
    expect(d.own).toBeNull();
    expect(d.missing).toHaveLength(9);
    expect(d.effective.issuerName).toEqual({ value: null, source: { kind: 'unset', unitCode: null } });
  });

  it('a department sets them; its divisions inherit each field, a division overrides one field alone', async () => {
    let res = await t.request(
      '/api/settings/document',
      put({
        unitCode: 'STTTT',
        superiorBody: 'UBND tỉnh Trà Vinh',
        issuerName: 'Sở Thông tin và Truyền thông',
        issuerCode: 'STTTT',
        place: 'Trà Vinh',
        signerAuthority: 'KT. GIÁM ĐỐC',
        signerTitle: 'PHÓ GIÁM ĐỐC',
        signerName: 'Nguyễn Văn An',
        recipients: ['UBND tỉnh (b/c);', 'Lưu: VT, VP.'],
      }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as EffectiveAgencyDocument).effective.numberPattern).toEqual({
      value: '…/BC-STTTT',
      source: { kind: 'derived', unitCode: 'STTTT' },
    });
    res = await t.request('/api/settings/document', put({ unitCode: 'STTTT-VP', signerName: '  Trần Thị Bình ' }));
    expect(res.status).toBe(200);
    const vp = await get('STTTT-VP');
    expect(vp.own).toEqual({ ...blank, signerName: 'Trần Thị Bình' });
    expect(vp.effective.signerName).toEqual({ value: 'Trần Thị Bình', source: { kind: 'unit', unitCode: 'STTTT-VP' } });
    expect(vp.effective.place).toEqual({ value: 'Trà Vinh', source: { kind: 'unit', unitCode: 'STTTT' } });
    expect(vp.missing).toEqual(['numberPattern']);
    const tt = await get('STTTT-TT');
    expect(tt.effective.signerName.value).toBe('Nguyễn Văn An');
  });

  it('"..." is stored as the placeholder; a pattern without one, or a lower-case code, is refused', async () => {
    let res = await t.request('/api/settings/document', put({ unitCode: 'STTTT-VP', numberPattern: '.../BC-VP' }));
    expect(res.status).toBe(200);
    expect((await get('STTTT-VP')).effective.numberPattern.value).toBe('…/BC-VP');
    res = await t.request('/api/settings/document', put({ unitCode: 'STTTT-VP', numberPattern: '/BC-VP' }));
    expect(res.status).toBe(400);
    res = await t.request('/api/settings/document', put({ unitCode: 'STTTT-VP', issuerCode: 'sttt' }));
    expect(res.status).toBe(400);
    res = await t.request('/api/settings/document', put({ unitCode: 'NOPE', place: 'X' }));
    expect(res.status).toBe(404);
  });

  it('only administrators set them; a viewer of the unit reads them', async () => {
    let res = await t.request('/api/settings/document', put({ unitCode: 'STTTT-VP', place: 'X' }, 'officer:STTTT-VP'));
    expect(res.status).toBe(403);
    expect((await get('STTTT-VP', 'viewer:STTTT-VP')).effective.place.value).toBe('Trà Vinh');
    res = await t.request('/api/settings/document?unit=STTTT', { as: 'viewer:STTTT-VP' });
    expect(res.status).toBe(403);
  });

  it('clearing a unit makes every field inherit again; each change is in the audit trail', async () => {
    const res = await t.request('/api/settings/document?unit=STTTT-VP', { method: 'DELETE' });
    expect(res.status).toBe(204);
    const vp = await get('STTTT-VP');
    expect(vp.own).toBeNull();
    expect(vp.effective.signerName.value).toBe('Nguyễn Văn An');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'entity_key'])
      .where('entity_type', '=', 'document_settings')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action} ${a.entity_key}`)).toEqual([
      'document_settings.update STTTT',
      'document_settings.update STTTT-VP',
      'document_settings.update STTTT-VP',
      'document_settings.clear STTTT-VP',
    ]);
  });
});
