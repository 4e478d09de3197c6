import { describe, expect, it } from 'vitest';
import { canRead, canWrite, canWriteAnything, computeScope, type UnitNode } from '../../server/auth/scope.ts';
import { subtreeIds } from '../../domain/unit-tree.ts';
import { safeNext } from '../../web/src/views/login/auth-client.ts';

// STTTT(1) ─ VP(2) ─ VP-KT(4)
//          └ BCXB(3)
const units: UnitNode[] = [
  { id: 1, code: 'STTTT', parent_id: null },
  { id: 2, code: 'STTTT-VP', parent_id: 1 },
  { id: 3, code: 'STTTT-BCXB', parent_id: 1 },
  { id: 4, code: 'STTTT-VP-KT', parent_id: 2 },
];

describe('scope from grants', () => {
  it('a grant covers the unit and everything below it', () => {
    expect([...subtreeIds(units, 2)].sort()).toEqual([2, 4]);
    expect([...subtreeIds(units, 1)].sort()).toEqual([1, 2, 3, 4]);
  });

  it('admin reads and writes everything', () => {
    const s = computeScope([{ role: 'admin', unitId: null, unitCode: null }], units);
    expect(s).toEqual({ isAdmin: true, readIds: null, writeIds: null });
  });

  it('an officer writes and reads their subtree only', () => {
    const s = computeScope([{ role: 'officer', unitId: 2, unitCode: 'STTTT-VP' }], units);
    expect([canWrite(s, 2), canWrite(s, 4), canWrite(s, 1), canWrite(s, 3)]).toEqual([true, true, false, false]);
    expect([canRead(s, 4), canRead(s, 1)]).toEqual([true, false]);
  });

  it('a viewer writes nothing; several grants add up', () => {
    const s = computeScope(
      [
        { role: 'viewer', unitId: 1, unitCode: 'STTTT' },
        { role: 'officer', unitId: 3, unitCode: 'STTTT-BCXB' },
      ],
      units,
    );
    expect(canWriteAnything(computeScope([{ role: 'viewer', unitId: 1, unitCode: 'STTTT' }], units))).toBe(false);
    expect([canRead(s, 4), canWrite(s, 3), canWrite(s, 2)]).toEqual([true, true, false]);
  });

  it('a grant without a unit covers the whole tree', () => {
    const s = computeScope([{ role: 'viewer', unitId: null, unitCode: null }], units);
    expect(s.readIds).toBeNull();
    expect(s.writeIds).toEqual(new Set());
  });
});

describe('the login page only returns to a page of this site', () => {
  const O = 'https://tietkiem.example.gov.vn';
  const HOME = `${O}/`;
  it.each([
    ['/overview?unit=STTTT&year=2020', `${O}/overview?unit=STTTT&year=2020`],
    ['/trends#chart', `${O}/trends#chart`],
    ['https://evil.example/', HOME],
    ['//evil.example/x', HOME],
    ['/\\evil.example', HOME],
    ['\\\\evil.example', HOME],
    ['/\t/evil.example/', HOME], // the browser drops the tab: //evil.example/
    ['/\n/evil.example/', HOME],
    ['/\r/evil.example/', HOME],
    ['/\r\n/evil.example/', HOME],
    ['\t//evil.example', HOME],
    [' //evil.example', HOME],
    ['/\t\\evil.example', HOME],
    ['https:evil.example', `${O}/evil.example`], // same scheme: a relative path
    ['javascript:alert(1)', HOME],
    ['data:text/html,<script>alert(1)</script>', HOME],
    ['http://tietkiem.example.gov.vn/trends', HOME], // other scheme: another origin
    ['/login?next=/x', HOME],
    ['/login', HOME],
    [null, HOME],
    ['', HOME],
  ])('%j → %s', (next, want) => expect(safeNext(next, O)).toBe(want));

  // What the login page reads after URLSearchParams has decoded ?next= once.
  it.each([
    '/%09/evil.example/',
    '/%0a/evil.example/',
    '/%0d/evil.example/',
    '/%5C/evil.example/',
    '/%5Cevil.example',
    '%2F%2Fevil.example',
    '/%252F%252Fevil.example',
    '/%25%30%39/evil.example/',
    '/.//evil.example',
    '/..//evil.example',
  ])('?next=%s stays on this origin', (raw) => {
    const next = new URLSearchParams(`next=${raw}`).get('next');
    const to = safeNext(next, O);
    expect(new URL(to).origin).toBe(O);
    // ... and the browser, given that address, stays here too.
    expect(new URL(to, O).origin).toBe(O);
  });
});
