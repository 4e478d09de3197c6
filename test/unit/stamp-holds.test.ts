/** The one test the caches make of the change stamp (server/db/change-stamp.ts stampHolds). */
import { describe, expect, it } from 'vitest';
import { stampHolds } from '../../server/db/change-stamp.ts';

describe('stampHolds', () => {
  it('trusts a kept entry only while the stamp is the same and readable', () => {
    expect(stampHolds('3:41', '3:41')).toBe(true);
    expect(stampHolds('3:41', '3:42')).toBe(false);
    expect(stampHolds(undefined, '3:41')).toBe(false);
    // No stamp (it could not be read) vouches for nothing, even against an entry kept without one.
    expect(stampHolds(null, null)).toBe(false);
    expect(stampHolds('3:41', null)).toBe(false);
  });
});
