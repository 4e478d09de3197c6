/** The view registry every feature appends to: no two views share an id, path or element. */
import { describe, expect, it } from 'vitest';
import { HOME_PATH, findView, views } from '../../web/src/views/registry.ts';
import { vi } from '../../web/src/i18n/vi.ts';

describe('view registry', () => {
  it('has unique ids, paths and tags, and a home view', () => {
    for (const key of ['id', 'path', 'tag'] as const)
      expect(new Set(views.map((v) => v[key])).size, key).toBe(views.length);
    expect(findView(HOME_PATH)?.id).toBe('overview');
    expect(findView('/trends/')?.id).toBe('trends');
    expect(findView('/nope')).toBeUndefined();
  });

  it('has a text for every navigation label', () => {
    for (const v of views.filter((v) => v.nav !== false))
      expect(vi[v.labelKey as keyof typeof vi], v.labelKey).toBeTruthy();
  });

  it('covers the six dashboard views at their bookmarkable paths', () => {
    expect(
      ['/overview', '/trends', '/compare', '/upload', '/figures', '/settings'].map((p) => findView(p)?.path),
    ).toEqual(['/overview', '/trends', '/compare', '/upload', '/figures', '/settings']);
  });
});
