/** Utf8Scan (server/ingest/decode.ts): the native fast path and the byte loop agree, however the file is cut into chunks. */
import { describe, expect, it } from 'vitest';
import { Utf8Scan } from '../../server/ingest/decode.ts';

const scanOf = (bytes: Uint8Array, sizes: number[]) => {
  const s = new Utf8Scan();
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    s.push(bytes.subarray(at, at + n));
    at += n;
  }
  s.end();
  return { sawValid: s.sawValid, firstInvalid: s.firstInvalid, firstInvalidByte: s.firstInvalidByte, offset: s.offset };
};

const vi = Buffer.from('Văn phòng phẩm,Cước điện thoại,Điện 𝄞\n'.repeat(50));

describe('Utf8Scan', () => {
  const cases: [string, Uint8Array, { sawValid: boolean; firstInvalid: number; firstInvalidByte?: number }][] = [
    ['plain ASCII', Buffer.from('DV1,2025-01,VPP,1250000\n'.repeat(40)), { sawValid: false, firstInvalid: -1 }],
    ['valid Vietnamese', vi, { sawValid: true, firstInvalid: -1 }],
    [
      'a stray 0xff after valid text',
      Buffer.concat([vi, Buffer.from([0xff]), vi]),
      { sawValid: true, firstInvalid: vi.length, firstInvalidByte: 0xff },
    ],
    [
      'Windows-1258 bytes only',
      Buffer.from([0x41, 0xe0, 0x42, 0xf2, 0x43]),
      { sawValid: false, firstInvalid: 1, firstInvalidByte: 0xe0 },
    ],
    [
      'a sequence cut at the end of the file',
      Buffer.concat([vi, Buffer.from([0xe1, 0xbb])]),
      { sawValid: true, firstInvalid: vi.length, firstInvalidByte: 0xe1 },
    ],
    [
      'an overlong lead',
      Buffer.concat([Buffer.from('ab'), Buffer.from([0xc0, 0xaf]), vi]),
      { sawValid: true, firstInvalid: 2, firstInvalidByte: 0xc0 },
    ],
  ];
  it.each(cases)('%s: the same answer for every chunking', (_name, bytes, expected) => {
    for (const sizes of [[bytes.length], [1], [2, 3], [7], [64], [1000, 1, 2, 3]]) {
      const r = scanOf(bytes, sizes);
      expect(r, `chunks ${sizes.join(',')}`).toMatchObject(expected);
      expect(r.offset).toBe(bytes.length);
    }
  });
});
