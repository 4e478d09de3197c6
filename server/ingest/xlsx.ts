/**
 * XLSX rows, read straight from the zip's XML after the zip-bomb guard (zip-guard.ts): the
 * workbook and its relationships name the worksheets in the order Excel shows them, shared
 * strings and styles are read first, then the first non-empty worksheet is streamed row by row
 * (inflated in chunks, scanned for `<row>` and `<c>` elements; nothing holds the whole sheet and
 * nothing is written to disk). Only entries the guard counted are inflated, each at most as far
 * as the guard's limit.
 *
 * Cells keep their type: numbers stay numbers (no vi-VN parsing), date-formatted numbers are
 * Dates at UTC midnight (the 1900 or 1904 date system of the workbook), text is NFC with
 * whitespace folded (shared, inline and rich-text strings alike); formulas give their cached
 * result; percent-formatted numbers are read as shown (0.1 formatted 0% is 10).
 *
 * A formula whose cached result is an error (`#N/A`, `#REF!`, `#DIV/0!`, `#VALUE!`: `<c t="e">`),
 * an error value typed in, or a formula with no cached result at all is not a value: it comes as
 * a CellProblem naming the sheet and the cell, never as an empty cell.
 *
 * exceljs's streaming reader did this before; reading the XML directly costs a fraction of its
 * time and memory (docs/performance.md, the XLSX row).
 */
import { AppError } from '../errors.ts';
import { normaliseCell } from './cells.ts';
import { assertXlsxSize, DEFAULT_MAX_XLSX_BYTES, inflateEntry, type ZipEntry } from './zip-guard.ts';
import type { Cell, CellProblem, FileSource, ReadOptions, TableRow } from './types.ts';

const GROUP = 500;

const unreadable = () =>
  new AppError(415, 'unsupported_file_type', 'Không đọc được tệp .xlsx. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.');

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;

/** XML text with its entities decoded. */
export function xmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (m, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name];
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** An attribute's value in a tag's attribute text (`r="A1" t="s"`), decoded, or undefined. */
function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2]) : undefined;
}

/** The text runs of a string item (`<si>` or `<is>`): every `<t>`, phonetic guides (`<rPh>`) left out. */
const T_RUN = /<t\b[^>]*>([^<]*)<\/t>/g;
function runsText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  T_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = T_RUN.exec(body))) out += m[1];
  return xmlText(out);
}

/** A cell's address for messages: its own `r` when whole, else built from its column and row. */
function cellRef(r: string | undefined, letters: number, col: number, row: number): string {
  return r && letters && letters < r.length ? r.toUpperCase() : `${columnLetters(col)}${row}`;
}

/** Column letters to a 0-based index (A = 0, AA = 26). */
function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n - 1;
}
function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Bytes decoded at once: the text (one byte per character here) stays a young-generation string. */
const DECODE_BYTES = 64 * 1024;

/**
 * An entry's text in pieces that each end at a complete element: `cut(text)` says up to where
 * the text can be handed over (the rest waits for the next chunk). Counts the inflated bytes
 * against the guard's limit.
 */
async function* xmlPieces(
  src: FileSource,
  entry: ZipEntry,
  limit: number,
  cut: (text: string) => number,
): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  let rootSeen = false;
  let carry = '';
  let bytes = 0;
  const stream = inflateEntry(src, entry);
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (bytes > limit) throw unreadable(); // the guard counted less: the entry is not what it was
      // Decoded in pieces of at most DECODE_BYTES: V8 puts a string over ~128 KB in its large-object
      // space, and making one cost ~14× more per byte (measured: 146 ms vs 11 ms for 27 MB).
      for (let at = 0; at < buf.length; at += DECODE_BYTES) {
        const text = carry + dec.decode(buf.subarray(at, at + DECODE_BYTES), { stream: true });
        if (!rootSeen) rootSeen = assertUnprefixedRoot(text, entry.name);
        const end = cut(text);
        if (end > 0) yield text.slice(0, end);
        carry = text.slice(end);
      }
    }
  } finally {
    stream.destroy();
  }
  const rest = carry + dec.decode();
  if (rest) yield rest;
}

/**
 * The parts are scanned for unprefixed element names (`<row>`, `<c>`, `<si>`), as Excel, LibreOffice
 * and every library we know write them. A part whose root element carries a namespace prefix
 * (`<x:worksheet>`, written by some OpenXML SDK programs) would read as empty: refused by name
 * instead, with the fix. True once the root element was seen (false: not in `text` yet).
 */
function assertUnprefixedRoot(text: string, part: string): boolean {
  const m = /^(?:\uFEFF)?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<([^\s/>!?]+)/.exec(text);
  if (!m) return false;
  if (m[1].includes(':'))
    throw new AppError(
      415,
      'unsupported_file_type',
      `Tệp .xlsx có phần ${part} ghi tên thẻ kèm tiền tố (<${m[1]}>), chưa đọc được. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
    );
  return true;
}

async function wholeText(src: FileSource, entry: ZipEntry, limit: number): Promise<string> {
  let s = '';
  for await (const piece of xmlPieces(src, entry, limit, () => 0)) s += piece;
  return s;
}

const afterLast = (tag: string) => (text: string) => {
  const i = text.lastIndexOf(tag);
  return i < 0 ? 0 : i + tag.length;
};

/** The shared strings, streamed (`<si>` by `<si>`), tidied once (NFC, whitespace) for every cell using them. */
async function sharedStrings(src: FileSource, entry: ZipEntry | undefined, limit: number): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  const SI = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
  for await (const piece of xmlPieces(src, entry, limit, afterLast('</si>'))) {
    SI.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SI.exec(piece))) out.push(m[1] ? (normaliseCell(runsText(m[1])) as string) : '');
  }
  return out;
}

/** Built-in number formats that matter here (ECMA-376 18.8.30): percents and dates. */
const BUILTIN_FORMATS: Record<number, string> = {
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
};

/** A format shows a date or time when, outside quotes and [brackets], it has y, m, d, h, s or b. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const PLAIN = 0;
const DATE = 1;
const PERCENT = 2;

/** What each cell style (`s`, an index into cellXfs) does to a number: nothing, a date, a percent. */
function styleKinds(xml: string): Uint8Array {
  const formats = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    const code = attr(m[1], 'formatCode');
    if (Number.isInteger(id) && code != null) formats.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const kinds: number[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*)>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = formats.get(id) ?? BUILTIN_FORMATS[id] ?? '';
    kinds.push(code.includes('%') ? PERCENT : isDateFormat(code) ? DATE : PLAIN);
  }
  return Uint8Array.from(kinds);
}

/** Excel's day number as a Date (1900 system: day 25569 is 1970-01-01; 1904 system 1462 days later). */
const excelDate = (v: number, date1904: boolean) =>
  new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

interface Sheet {
  name: string;
  entry: ZipEntry;
}

/** The worksheets in the workbook's order, with their names. */
function worksheets(workbook: string, rels: string, byName: Map<string, ZipEntry>): Sheet[] {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attr(m[1], 'Id');
    const target = attr(m[1], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out: Sheet[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const rid = /(?:^|\s)[\w]+:id\s*=\s*["']([^"']*)["']/.exec(m[1])?.[1];
    const path = rid ? targets.get(rid) : undefined;
    const entry = path ? byName.get(path.replace(/\/\.\//g, '/')) : undefined;
    if (entry) out.push({ name: attr(m[1], 'name') ?? '', entry });
  }
  if (out.length) return out;
  // No worksheet named by the workbook: the worksheets in the zip's order.
  for (const [name, entry] of byName) {
    const n = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1];
    if (n) out.push({ name: `Sheet${n}`, entry });
  }
  return out;
}

const F_EL = /<f\b[^>]*?(?:\/>|>([^<]*)<\/f>)/;
const IS_EL = /<is\b[^>]*>([\s\S]*?)<\/is>/;

const NOT_DATA = 0;
const ROW = 1;
const CELL = 2;

/** Whether the tag at `lt` (a '<') opens a row, a cell, or something else. */
function tagKind(s: string, lt: number): number {
  const c = s.charCodeAt(lt + 1);
  if (c === 99 /* c */) return nameEnds(s.charCodeAt(lt + 2)) ? CELL : NOT_DATA;
  if (c === 114 /* r */ && s.charCodeAt(lt + 2) === 111 && s.charCodeAt(lt + 3) === 119)
    return nameEnds(s.charCodeAt(lt + 4)) ? ROW : NOT_DATA;
  return NOT_DATA;
}
/** After a tag name: whitespace, '>' or '/'. */
const nameEnds = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/** An attribute's value between `from` and `to` of a tag (`name="v"` or `name='v'`), decoded. */
function attrIn(s: string, from: number, to: number, name: string): string | undefined {
  let i = from;
  for (;;) {
    i = s.indexOf(name, i);
    if (i < 0 || i >= to) return undefined;
    const before = s.charCodeAt(i - 1);
    let j = i + name.length;
    while (s.charCodeAt(j) === 32) j++;
    if ((before === 32 || before === 9 || before === 10 || before === 13) && s.charCodeAt(j) === 61 /* = */) {
      j++;
      while (s.charCodeAt(j) === 32) j++;
      const q = s[j];
      if (q !== '"' && q !== "'") return undefined;
      const e = s.indexOf(q, j + 1);
      if (e < 0 || e > to) return undefined;
      return xmlText(s.slice(j + 1, e));
    }
    i = j;
  }
}

/** The text of a cell's child element (`<v>…</v>`), decoded; undefined when absent or empty-tagged. */
function elementText(inner: string, open: string): string | undefined {
  const i = inner.indexOf(open);
  if (i < 0) return undefined;
  const gt = inner.indexOf('>', i);
  if (gt < 0 || !nameEnds(inner.charCodeAt(i + open.length)) || inner.charCodeAt(gt - 1) === 47) return undefined;
  const e = inner.indexOf('<', gt);
  return xmlText(inner.slice(gt + 1, e < 0 ? inner.length : e));
}

export async function xlsxRows(src: FileSource, opts: ReadOptions): Promise<AsyncGenerator<TableRow[]>> {
  const limit = opts.maxXlsxBytes ?? DEFAULT_MAX_XLSX_BYTES;
  const entries = await assertXlsxSize(src, limit);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wbEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry || !relsEntry) throw unreadable();

  let sheets: Sheet[];
  let sst: string[];
  let kinds: Uint8Array;
  let date1904: boolean;
  try {
    const workbook = await wholeText(src, wbEntry, limit);
    sheets = worksheets(workbook, await wholeText(src, relsEntry, limit), byName);
    const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbook)?.[1] ?? '';
    date1904 = /^(1|true)$/.test(attr(pr, 'date1904') ?? '');
    sst = await sharedStrings(src, byName.get('xl/sharedStrings.xml'), limit);
    const styles = byName.get('xl/styles.xml');
    kinds = styles ? styleKinds(await wholeText(src, styles, limit)) : new Uint8Array(0);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  }

  async function* groups(): AsyncGenerator<TableRow[]> {
    let group: TableRow[] = [];
    try {
      for (const sheet of sheets) {
        let filled = false;
        let rowNo = 0;
        let current: TableRow | null = null;
        let nextCol = 0;
        const flush = () => {
          if (current) group.push(current);
          current = null;
        };
        const problem = (p: CellProblem) => ((current!.problems ??= []).push(p), (filled = true));
        for await (const piece of xmlPieces(src, sheet.entry, limit, afterLast('</row>'))) {
          let at = 0;
          for (;;) {
            const lt = piece.indexOf('<', at);
            if (lt < 0) break;
            at = lt + 1;
            const kind = tagKind(piece, lt);
            if (kind === NOT_DATA) continue;
            const end = piece.indexOf('>', lt);
            if (end < 0) break;
            const empty = piece.charCodeAt(end - 1) === 47; // '/>'
            if (kind === ROW) {
              flush();
              const r = attrIn(piece, lt + 4, end, 'r');
              rowNo = r ? Number(r) : rowNo + 1;
              current = { row: rowNo, cells: [] };
              nextCol = 0;
              if (empty) flush();
              at = end + 1;
              continue;
            }
            // <c …>…</c> or <c …/>
            const close = empty ? end : piece.indexOf('</c>', end);
            if (close < 0) break;
            at = empty ? end + 1 : close + 4;
            if (!current) continue; // a cell outside a row: not sheet data
            const r = attrIn(piece, lt + 2, empty ? end - 1 : end, 'r');
            let letters = 0;
            if (r) while (letters < r.length && r.charCodeAt(letters) > 64) letters++;
            const col = letters ? columnIndex(r!.slice(0, letters)) : nextCol;
            nextCol = col + 1;
            if (empty) continue; // <c r="B2" s="1"/>: empty
            const t = attrIn(piece, lt + 2, end, 't');
            const s = Number(attrIn(piece, lt + 2, end, 's') ?? 0);
            const inner = piece.slice(end + 1, close);
            const f = inner.includes('<f') ? F_EL.exec(inner) : null;
            const v = elementText(inner, '<v');
            let value: Cell = null;
            if (t === 'e') {
              problem({
                col,
                code: 'formula_error',
                value: v ?? '#ERROR',
                sheet: sheet.name,
                ref: cellRef(r, letters, col, current.row),
              });
            } else if (f && v === undefined) {
              const value = `=${xmlText(f[1] ?? '')}`;
              problem({
                col,
                code: 'formula_not_cached',
                value,
                sheet: sheet.name,
                ref: cellRef(r, letters, col, current.row),
              });
            } else if (t === 'inlineStr') {
              const is = IS_EL.exec(inner);
              value = is ? normaliseCell(runsText(is[1])) : v !== undefined ? normaliseCell(v) : null;
            } else if (v === undefined) {
              value = null;
            } else if (t === 's') {
              value = sst[Number(v)] ?? null;
            } else if (t === 'str') {
              value = normaliseCell(v);
            } else if (t === 'b') {
              value = Number(v) !== 0;
            } else if (t === 'd') {
              const d = new Date(v);
              value = Number.isNaN(d.getTime()) ? normaliseCell(v) : d;
            } else {
              const n = parseFloat(v);
              if (Number.isNaN(n)) {
                // A cached result that is no number (a formula's error written without t="e").
                if (f)
                  problem({
                    col,
                    code: 'formula_error',
                    value: v,
                    sheet: sheet.name,
                    ref: cellRef(r, letters, col, current.row),
                  });
                else value = normaliseCell(v);
              } else {
                const style = kinds[s] ?? PLAIN;
                // A formula's date-formatted result stays a day number (period cells read both).
                value = style === DATE && !f ? excelDate(n, date1904) : style === PERCENT ? n * 100 : n;
              }
            }
            const cells = current.cells;
            while (cells.length < col) cells.push(null);
            cells[col] = value;
            if (value != null && value !== '') filled = true;
          }
          flush();
          if (group.length >= GROUP) {
            yield group;
            group = [];
          }
        }
        flush();
        if (filled) break; // the first worksheet with anything in it holds the data
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable();
    }
    if (group.length) yield group;
  }
  return groups();
}
