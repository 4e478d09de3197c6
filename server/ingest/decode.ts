/**
 * Bytes → NFC text, streaming. Detects the encodings real exports use: UTF-8 with or without
 * BOM, UTF-16 LE/BE (Excel "Unicode text"), and Windows-1258 (Excel "CSV" on Vietnamese Windows:
 * not valid UTF-8, tone marks as separate combining characters, composed here by NFC).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { isUtf16Head } from './source.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/** True when `bytes` is valid UTF-8, allowing a sequence cut off at the end (a sniffed head). */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Byte-level UTF-8 check over a whole file, chunk by chunk: whether it holds at least one valid
 * multi-byte sequence, and where its first invalid sequence starts. Both together make the file
 * an error (a UTF-8 file with a broken byte); an invalid sequence and no valid one make it
 * Windows-1258.
 */
export class Utf8Scan {
  /** Bytes seen so far. */
  offset = 0;
  sawValid = false;
  /** Byte offset of the first invalid sequence (-1: none yet) and its first byte. */
  firstInvalid = -1;
  firstInvalidByte = 0;
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;
  private seqStart = -1;
  private lead = 0;

  /** True once the answer cannot change (a valid and an invalid sequence were both seen). */
  get decided(): boolean {
    return this.sawValid && this.firstInvalid >= 0;
  }

  push(b: Uint8Array): void {
    // Fast path (native, simdutf): no sequence open and the chunk valid up to its last complete
    // sequence; only the ≤ 3 bytes of a sequence cut at the chunk's end go through the loop.
    if (this.need === 0 && b.length > 0) {
      const cut = completeEnd(b);
      const head = b.subarray(0, cut);
      if (isUtf8(head)) {
        if (!this.sawValid && !isAscii(head)) this.sawValid = true;
        this.offset += cut;
        if (cut < b.length) this.scan(b.subarray(cut));
        return;
      }
    }
    this.scan(b);
  }

  /** The byte-by-byte check (every invalid sequence located exactly). */
  private scan(b: Uint8Array): void {
    const base = this.offset;
    for (let i = 0; i < b.length; i++) {
      const x = b[i];
      if (this.need === 0) {
        if (x < 0x80) continue;
        this.seqStart = base + i;
        this.lead = x;
        if (x >= 0xc2 && x <= 0xdf) {
          this.need = 1;
          this.lo = 0x80;
          this.hi = 0xbf;
        } else if (x >= 0xe0 && x <= 0xef) {
          this.need = 2;
          this.lo = x === 0xe0 ? 0xa0 : 0x80;
          this.hi = x === 0xed ? 0x9f : 0xbf;
        } else if (x >= 0xf0 && x <= 0xf4) {
          this.need = 3;
          this.lo = x === 0xf0 ? 0x90 : 0x80;
          this.hi = x === 0xf4 ? 0x8f : 0xbf;
        } else {
          this.invalid(base + i, x);
        }
      } else if (x < this.lo || x > this.hi) {
        this.invalid(this.seqStart, this.lead);
        this.need = 0;
        i--; // read this byte again as the start of a sequence
      } else {
        this.lo = 0x80;
        this.hi = 0xbf;
        if (--this.need === 0) this.sawValid = true;
      }
    }
    this.offset = base + b.length;
  }

  end(): void {
    if (this.need > 0) this.invalid(this.seqStart, this.lead);
    this.need = 0;
  }

  private invalid(at: number, byte: number): void {
    if (this.firstInvalid < 0) {
      this.firstInvalid = at;
      this.firstInvalidByte = byte;
    }
  }
}

/** Where the last UTF-8 sequence that is whole ends: `b.length`, or the start of one cut at the end. */
function completeEnd(b: Uint8Array): number {
  const n = b.length;
  for (let j = n - 1; j >= 0 && j >= n - 4; j--) {
    const x = b[j];
    if (x < 0x80) return n;
    if (x >= 0xc0) {
      const len = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
      return j + len <= n ? n : j;
    }
  }
  return n;
}

/** The encoding of a text file from its first bytes (64 KB is plenty). */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (isUtf16Head(head)) return 'utf-16le';
  if (isValidUtf8Prefix(head)) return 'utf-8';
  // Not UTF-8 throughout: a valid multi-byte sequence still says UTF-8 (with a broken byte: an
  // error, decided by decodeChunks over the whole file); none says Windows-1258.
  const scan = new Utf8Scan();
  scan.push(head);
  return scan.sawValid ? 'utf-8' : 'windows-1258';
}

/** Combining marks that NFC may fold into the character before them. */
const COMBINING = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]/;

/**
 * Normalises streamed text to NFC without splitting a base letter from its marks across chunks:
 * the last base letter and any marks after it wait for the next chunk.
 */
export class NfcStream {
  private carry = '';
  push(text: string): string {
    const s = this.carry + text;
    let j = s.length;
    while (j > 0 && COMBINING.test(s[j - 1])) j--;
    if (j > 0) j--;
    // Never split a surrogate pair.
    if (j > 0 && s.charCodeAt(j - 1) >= 0xd800 && s.charCodeAt(j - 1) <= 0xdbff) j--;
    this.carry = s.slice(j);
    return s.slice(0, j).normalize('NFC');
  }
  end(): string {
    const s = this.carry.normalize('NFC');
    this.carry = '';
    return s;
  }
}

interface Decoder {
  write(b: Uint8Array): string;
  end(): string;
}

function makeDecoder(enc: TextEncoding): Decoder {
  if (enc === 'windows-1258') {
    const d = iconv.getDecoder('windows1258');
    return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
  }
  const label = enc === 'utf-8-bom' ? 'utf-8' : enc;
  // Not fatal: a broken byte becomes U+FFFD, and Utf8Scan reports it as an error of its row.
  const d = new TextDecoder(label); // strips the BOM itself
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/** What decoding found out about the bytes; `encoding` may change once (see decodeChunks). */
export interface DecodeState {
  encoding: TextEncoding;
  /**
   * Set at the end when the file holds valid UTF-8 multi-byte sequences AND an invalid sequence:
   * the byte offset and first byte of the first invalid one (the file is an error).
   */
  invalidUtf8?: { offset: number; byte: number };
}

/**
 * Decodes byte chunks to NFC text chunks, deciding UTF-8 against Windows-1258 on the whole file:
 * - valid UTF-8 throughout: UTF-8;
 * - no valid multi-byte sequence but an invalid one: Windows-1258 (a file whose head was plain
 *   ASCII switches at the first such byte: ASCII reads the same in both, nothing changes);
 * - valid multi-byte sequences and an invalid one anywhere: `state.invalidUtf8` names the first
 *   invalid one (the reader reports it with its row), whatever was decoded.
 */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, state: DecodeState): AsyncGenerator<string> {
  const nfc = new NfcStream();
  let dec = makeDecoder(state.encoding);
  const scan = state.encoding === 'utf-16le' || state.encoding === 'utf-16be' ? null : new Utf8Scan();
  // The last bytes of the previous chunk: a sequence cut there may turn out invalid in this one.
  let prevTail: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    let text: string;
    if (scan && !scan.decided) {
      const start = scan.offset;
      scan.push(chunk);
      if (state.encoding === 'utf-8' && !scan.sawValid && scan.firstInvalid >= 0) {
        // Plain ASCII so far, then a byte that is not UTF-8: Windows-1258 from here on (the UTF-8
        // decoder may hold the start of the bad sequence from the previous chunk: give it back).
        state.encoding = 'windows-1258';
        dec = makeDecoder('windows-1258');
        const back = Math.max(0, start - scan.firstInvalid);
        const carried = back > 0 ? prevTail.subarray(prevTail.length - back) : new Uint8Array(0);
        text = dec.write(carried.length ? concat(carried, chunk) : chunk);
      } else {
        text = dec.write(chunk);
      }
    } else {
      text = dec.write(chunk);
    }
    prevTail = chunk.length >= 3 ? chunk.subarray(chunk.length - 3) : concat(prevTail, chunk).slice(-3);
    const out = nfc.push(text);
    if (out) yield out;
  }
  scan?.end();
  if (scan?.decided) state.invalidUtf8 = { offset: scan.firstInvalid, byte: scan.firstInvalidByte };
  const tail = nfc.push(dec.end()) + nfc.end();
  if (tail) yield tail;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
