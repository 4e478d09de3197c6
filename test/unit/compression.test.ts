/** Accept-Encoding negotiation (server/web/compression.ts). */
import { describe, expect, it } from 'vitest';
import { pickEncoding, varyOnEncoding } from '../../server/web/compression.ts';

describe('pickEncoding', () => {
  it('prefers br when both are equally welcome, and follows q-values', () => {
    expect(pickEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(pickEncoding('gzip, br;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(pickEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(pickEncoding('*;q=0.1, br;q=0', ['br', 'gzip'])).toBe('gzip');
  });

  it('answers null when nothing offered is accepted', () => {
    expect(pickEncoding(undefined, ['br', 'gzip'])).toBeNull();
    expect(pickEncoding('', ['br', 'gzip'])).toBeNull();
    expect(pickEncoding('identity', ['br', 'gzip'])).toBeNull();
    expect(pickEncoding('gzip;q=0', ['gzip'])).toBeNull();
    expect(pickEncoding('br', ['gzip'])).toBeNull();
  });
});

describe('varyOnEncoding', () => {
  it('adds Accept-Encoding once', () => {
    const h = new Headers();
    varyOnEncoding(h);
    varyOnEncoding(h);
    expect(h.get('vary')).toBe('Accept-Encoding');
    const o = new Headers({ vary: 'Origin' });
    varyOnEncoding(o);
    expect(o.get('vary')).toBe('Origin, Accept-Encoding');
  });
});
