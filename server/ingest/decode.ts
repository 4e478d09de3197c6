/**
 * Bytes → NFC text, streaming. Detects the encodings real exports use: UTF-8 with or without
 * BOM, UTF-16 LE/BE (Excel "Unicode text"), and Windows-1258 (Excel "CSV" on Vietnamese Windows:
 * not valid UTF-8, tone marks as separate combining characters, composed here by NFC).
 */
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

/** The encoding of a text file from its first bytes (64 KB is plenty). */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (isUtf16Head(head)) return 'utf-16le';
  return isValidUtf8Prefix(head) ? 'utf-8' : 'windows-1258';
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
  const d = new TextDecoder(label); // strips the BOM itself
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

function hasHighByte(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return true;
  return false;
}

/**
 * Decodes byte chunks to NFC text chunks. `state.encoding` may change once: a file whose sniffed
 * head was pure ASCII but that turns out not to be UTF-8 later is Windows-1258 (ASCII is the same
 * in both, so nothing decoded so far changes).
 */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  state: { encoding: TextEncoding },
): AsyncGenerator<string> {
  const nfc = new NfcStream();
  let asciiSoFar = state.encoding === 'utf-8';
  let dec = makeDecoder(state.encoding);
  const strict = asciiSoFar ? new TextDecoder('utf-8', { fatal: true }) : null;
  for await (const chunk of chunks) {
    let text: string;
    if (asciiSoFar && strict) {
      if (!hasHighByte(chunk)) {
        text = dec.write(chunk);
      } else {
        asciiSoFar = false;
        try {
          strict.decode(chunk, { stream: true });
          text = dec.write(chunk);
        } catch {
          state.encoding = 'windows-1258';
          dec = makeDecoder('windows-1258');
          text = dec.write(chunk);
        }
      }
    } else {
      text = dec.write(chunk);
    }
    const out = nfc.push(text);
    if (out) yield out;
  }
  const tail = nfc.push(dec.end()) + nfc.end();
  if (tail) yield tail;
}
