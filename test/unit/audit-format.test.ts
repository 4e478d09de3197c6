/** The audit trail in words (issue 14, point 7): action names, dd/MM/yyyy HH:mm in Hà Nội time, before → after per field. */
import { describe, expect, it } from 'vitest';
import { actionLabel, fieldChanges, formatAuditTime } from '../../web/src/views/audit/audit-format.ts';

describe('audit in words', () => {
  it('names actions in Vietnamese and English, and shows an unknown one as its code', () => {
    expect(actionLabel('auth.login', 'vi')).toBe('Đăng nhập');
    expect(actionLabel('auth.login', 'en')).toBe('Signed in');
    expect(actionLabel('figure.correct', 'vi')).toBe('Sửa số liệu');
    expect(actionLabel('figures.import', 'en')).toBe('Figures uploaded');
    expect(actionLabel('something.new', 'vi')).toBe('something.new');
  });

  it('writes times as dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, whatever the machine zone', () => {
    // The "04:24 2/12/26": 21:24 UTC on 1 December is 04:24 on 2 December in Hà Nội.
    expect(formatAuditTime('2026-12-01T21:24:00.000Z')).toBe('02/12/2026 04:24');
    expect(formatAuditTime('2026-01-05T03:07:59Z')).toBe('05/01/2026 10:07');
    expect(formatAuditTime('2026-06-30T17:00:00Z')).toBe('01/07/2026 00:00');
  });

  it('lists only the fields that changed, each before → after, numbers grouped the vi-VN way', () => {
    const c = fieldChanges(
      { amount: 1000000, quantity: null, note: 'cũ' },
      { amount: 1250000, quantity: null, note: 'cũ' },
      'vi',
    );
    expect(c).toEqual([{ key: 'amount', label: 'Số tiền', before: '1.000.000', after: '1.250.000' }]);
    expect(fieldChanges({ targetPct: 10 }, { targetPct: 12.5 }, 'en')).toEqual([
      { key: 'targetPct', label: 'Reduction target (%)', before: '10', after: '12.5' },
    ]);
  });

  it('a patch names only what it changed; a creation lists what it set; a deletion what it removed', () => {
    expect(
      fieldChanges({ name: 'An', active: true, grants: [] }, { active: false }, 'vi').map((c) => [
        c.label,
        c.before,
        c.after,
      ]),
    ).toEqual([['Đang hoạt động', 'Có', 'Không']]);
    const created = fieldChanges(null, { fileName: 'so-lieu.csv', rows: 60, inserted: 2, warnings: [{}] }, 'vi');
    expect(created.map((c) => `${c.label}: ${c.after}`)).toEqual(['Tệp: so-lieu.csv', 'Số dòng: 60', 'Thêm mới: 2']);
    expect(created.every((c) => c.before === undefined)).toBe(true);
    const removed = fieldChanges({ normAmount: 48000000 }, null, 'vi');
    expect(removed).toEqual([{ key: 'normAmount', label: 'Định mức (đồng)', before: '48.000.000' }]);
    expect(fieldChanges(null, null, 'vi')).toEqual([]);
  });

  it('shows stored times the same way and never a raw JSON object for plain values', () => {
    const [c] = fieldChanges(null, { lockedAt: '2026-12-01T21:24:00.000Z' }, 'vi');
    expect(c.after).toBe('02/12/2026 04:24');
    expect(fieldChanges(null, { grants: ['STTTT-VP'] }, 'en')[0].after).toBe('STTTT-VP');
  });
});
