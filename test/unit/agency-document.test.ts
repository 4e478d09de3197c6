import { describe, expect, it } from 'vitest';
import { DOTS, dayOf, documentNumber, placeDateLine, resolveAgencyDocument } from '../../domain/agency-document.ts';
import { recipientLine, reportDocument, reportRanking } from '../../domain/report-document.ts';
import { AgencyDocumentFieldsSchema, type AgencyDocumentFields } from '../../domain/schemas/agency-document.ts';
import { reportPeriod } from '../../domain/report-periods.ts';
import { isCalendarDay } from '../../domain/months.ts';
import type { Report } from '../../domain/schemas/report.ts';
import type { BlocRanking } from '../../domain/schemas/bloc.ts';

const none: AgencyDocumentFields = {
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
const row = (v: Partial<AgencyDocumentFields>): AgencyDocumentFields => ({ ...none, ...v });

const dept = row({
  superiorBody: 'UBND tỉnh Trà Vinh',
  issuerName: 'Sở Thông tin và Truyền thông',
  issuerCode: 'STTTT',
  place: 'Trà Vinh',
  signerAuthority: 'KT. Giám đốc',
  signerTitle: 'Phó Giám đốc',
  signerName: 'Nguyễn Văn An',
  recipients: ['UBND tỉnh (b/c);', 'Lưu: VT, VP.'],
});

describe('ND30 formatting rules', () => {
  it('place and date: leading zero for days below 10 and for months 1 and 2 only', () => {
    expect(placeDateLine('Trà Vinh', '2021-01-05')).toBe('Trà Vinh, ngày 05 tháng 01 năm 2021');
    expect(placeDateLine('Trà Vinh', '2021-02-28')).toBe('Trà Vinh, ngày 28 tháng 02 năm 2021');
    expect(placeDateLine('Trà Vinh', '2021-03-15')).toBe('Trà Vinh, ngày 15 tháng 3 năm 2021');
    expect(placeDateLine('Trà Vinh', '2021-12-01')).toBe('Trà Vinh, ngày 01 tháng 12 năm 2021');
    expect(placeDateLine(null, '2021-10-09')).toBe(`${DOTS}, ngày 09 tháng 10 năm 2021`);
    expect(() => placeDateLine('X', '2021-1-5')).toThrow(RangeError);
  });

  it('document number: the register number in the pattern, below 10 with a leading zero, else dots', () => {
    expect(documentNumber('…/BC-STTTT', 15)).toBe('15/BC-STTTT');
    expect(documentNumber('…/BC-STTTT', 5)).toBe('05/BC-STTTT');
    expect(documentNumber('…/BC-STTTT', null)).toBe(`${DOTS}/BC-STTTT`);
    expect(documentNumber(null, 7)).toBe(`07/BC-${DOTS}`);
  });

  it('days: real calendar days only; the day in Asia/Ho_Chi_Minh', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2021-02-29')).toBe(false);
    expect(isCalendarDay('2021-13-01')).toBe(false);
    expect(dayOf(new Date('2021-01-04T18:00:00Z'))).toBe('2021-01-05');
  });

  it('the number pattern needs exactly one placeholder; "..." counts as one', () => {
    const ok = (p: string) => AgencyDocumentFieldsSchema.safeParse(row({ numberPattern: p })).success;
    expect(ok('…/BC-STTTT')).toBe(true);
    expect(ok('.../BC-STTTT')).toBe(true);
    expect(ok('/BC-STTTT')).toBe(false);
    expect(ok('…/BC-…')).toBe(false);
  });

  it('"Nơi nhận" lines get one dash, whatever was typed', () => {
    expect(recipientLine('UBND tỉnh (b/c);')).toBe('- UBND tỉnh (b/c);');
    expect(recipientLine('- Lưu: VT.')).toBe('- Lưu: VT.');
  });
});

describe('agency document settings: inheritance field by field', () => {
  it('each field comes from the nearest unit that sets it; the pattern is derived from the short code', () => {
    const r = resolveAgencyDocument([
      { unitId: 3, unitCode: 'VP', row: row({ signerName: 'Trần Thị Bình', place: null }) },
      { unitId: 1, unitCode: 'STTTT', row: dept },
    ]);
    expect(r.effective.signerName).toEqual({ value: 'Trần Thị Bình', source: { kind: 'unit', unitCode: 'VP' } });
    expect(r.effective.place).toEqual({ value: 'Trà Vinh', source: { kind: 'unit', unitCode: 'STTTT' } });
    expect(r.effective.numberPattern).toEqual({
      value: '…/BC-STTTT',
      source: { kind: 'derived', unitCode: 'STTTT' },
    });
    expect(r.missing).toEqual(['numberPattern']);
  });

  it('an own pattern wins over the derived one; "" for the superior body is a value (none), not unset', () => {
    const r = resolveAgencyDocument([
      { unitId: 2, unitCode: 'A', row: row({ numberPattern: '…/BC-VP', superiorBody: '' }) },
      { unitId: 1, unitCode: 'R', row: dept },
    ]);
    expect(r.effective.numberPattern.value).toBe('…/BC-VP');
    expect(r.effective.superiorBody).toEqual({ value: '', source: { kind: 'unit', unitCode: 'A' } });
  });

  it('nobody sets anything: every field unset', () => {
    const r = resolveAgencyDocument([{ unitId: 1, unitCode: 'R', row: undefined }]);
    expect(r.missing).toHaveLength(9);
    expect(r.effective.numberPattern).toEqual({ value: null, source: { kind: 'unset', unitCode: null } });
  });
});

const report = {
  unit: { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' },
  period: reportPeriod(2020),
  template: {
    nationalHeader: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    subject: 'Kết quả thực hành tiết kiệm, chống lãng phí',
  },
} as unknown as Report;

describe('the document around the report', () => {
  it('uppercases the bodies and the signer lines, prints the number, place and date', () => {
    const agency = resolveAgencyDocument([{ unitId: 1, unitCode: 'STTTT', row: dept }]);
    const d = reportDocument({ report, agency, number: 15, date: '2021-01-05', ranking: null });
    expect(d).toMatchObject({
      superiorBody: 'UBND TỈNH TRÀ VINH',
      issuerName: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      numberLine: 'Số: 15/BC-STTTT',
      placeDate: 'Trà Vinh, ngày 05 tháng 01 năm 2021',
      docType: 'BÁO CÁO',
      subject: 'Kết quả thực hành tiết kiệm, chống lãng phí năm 2020',
      recipientsLabel: 'Nơi nhận:',
      recipients: ['- UBND tỉnh (b/c);', '- Lưu: VT, VP.'],
      signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn An' },
      warnings: [],
    });
  });

  it('unset fields print as dots with one warning each; the number is blank unless given', () => {
    const agency = resolveAgencyDocument([{ unitId: 1, unitCode: 'STTTT', row: row({ issuerCode: 'STTTT' }) }]);
    const d = reportDocument({ report, agency, number: null, date: '2021-03-15', ranking: null });
    expect(d.numberLine).toBe(`Số: ${DOTS}/BC-STTTT`);
    expect(d.superiorBody).toBe(DOTS);
    expect(d.issuerName).toBe(DOTS);
    expect(d.placeDate).toBe(`${DOTS}, ngày 15 tháng 3 năm 2021`);
    expect(d.signer).toEqual({ authority: DOTS, title: DOTS, name: DOTS });
    expect(d.recipients).toEqual([`- ${DOTS}`]);
    expect(d.warnings.map((w) => w.field)).toEqual([
      'superiorBody',
      'issuerName',
      'place',
      'signerAuthority',
      'signerTitle',
      'signerName',
      'recipients',
    ]);
    expect(d.warnings[0].message).toContain('cơ quan chủ quản');
    // Without its own issuer the report names its unit in the subject.
    expect(d.subject).toBe('Kết quả thực hành tiết kiệm, chống lãng phí của Sở Thông tin và Truyền thông năm 2020');
  });

  it('"" means none: no superior body line, no authority line', () => {
    const agency = resolveAgencyDocument([
      { unitId: 1, unitCode: 'STTTT', row: { ...dept, superiorBody: '', signerAuthority: '' } },
    ]);
    const d = reportDocument({ report, agency, number: null, date: '2021-01-05', ranking: null });
    expect(d.superiorBody).toBeNull();
    expect(d.signer.authority).toBeNull();
    expect(d.warnings).toEqual([]);
  });

  it('the ranking is shown only when the unit itself is a member', () => {
    const r = {
      bloc: { id: 1, name: 'Khối thử', year: 2020 },
      members: [
        { unit: { code: 'SXD', name: 'Sở Xây dựng' }, rank: 1, total: 98 },
        { unit: { code: 'STTTT', name: 'Sở Thông tin và Truyền thông' }, rank: 2, total: 97.5 },
      ],
      proposals: [],
      bands: [],
      tieBreakRule: '',
    } as unknown as BlocRanking;
    const got = reportRanking(r, 'STTTT', 'IV. XẾP HẠNG')!;
    expect(got.lines[0]).toBe(
      'Khối thi đua "Khối thử" năm 2020: Sở Thông tin và Truyền thông xếp hạng 2/2 với 97,5 điểm.',
    );
    expect(got.members.map((m) => m.own)).toEqual([false, true]);
    expect(reportRanking(r, 'STTTT-VP', 'IV')).toBeNull();
    expect(reportRanking(null, 'STTTT', 'IV')).toBeNull();
  });
});
