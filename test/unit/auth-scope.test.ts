import { describe, expect, it } from 'vitest';
import {
  canRead,
  canWrite,
  canWriteAnything,
  computeScope,
  subtreeIds,
  type UnitNode,
} from '../../server/auth/scope.ts';
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

describe('the login page only returns to a path of this site', () => {
  it.each([
    ['/overview?unit=STTTT&year=2020', '/overview?unit=STTTT&year=2020'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
    [null, '/'],
  ])('%s → %s', (next, want) => expect(safeNext(next)).toBe(want));
});
