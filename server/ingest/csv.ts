/**
 * A small streaming CSV tokenizer (RFC 4180 quotes, "" escapes, CRLF/LF/CR line ends) fed with
 * decoded text chunks. Written here rather than taken from csv-parse because the readers need
 * exact Excel row numbers (one record = one row, even with newlines inside quotes), the row where
 * an unclosed quote opens, and speed: lines without quotes take an indexOf/split fast path.
 * Checked against csv-spectrum and against csv-parse (relax_quotes) on generated files
 * (test/unit/csv-tokenizer.test.ts).
 */

/** Whitespace `tidy` folds: a run of two, or a tab, line end or no-break space. */
const MESSY_SPACE = /[\s\u00a0]{2}|[\t\n\r\u00a0]/;

/** Trim and fold inner whitespace runs to one space (text is already NFC). */
export function tidy(c: string): string {
  const t = c.trim();
  return MESSY_SPACE.test(t) ? t.replace(/[\s\u00a0]+/g, ' ') : t;
}

/** Something wrong with the file's quoting, found while tokenizing. */
export interface CsvProblem {
  /** 1-based number of the record it is in (= the Excel row number). */
  record: number;
  /** 0-based cell index in that record. */
  col: number;
  code: 'unterminated_quote';
  /** The start of the cell (its first line, at most 100 characters). */
  value: string;
}

const enum S {
  /** At the start of a cell: a quote here opens a quoted cell. */
  FieldStart,
  /** Inside an unquoted cell (or after a closing quote): quotes are literal. */
  Unquoted,
  /** Inside quotes: only a quote ends it. */
  Quoted,
  /** A quote inside quotes: `""` is a quote, anything else closes the cell's quotes. */
  QuoteInQuoted,
  /** A CR outside quotes at the end of a chunk: CRLF or CR? The next chunk says. */
  PendingCr,
}

const enum Eol {
  Unknown,
  /** LF or CRLF ends a record; a lone CR is part of the cell. */
  Lf,
  /** CR ends a record (old Mac Excel); a lone LF is part of the cell. */
  Cr,
}

/**
 * A streaming state machine: every character is looked at once (runs between special characters
 * are found with indexOf / a sticky regex and sliced), so time is linear in the input whatever the
 * chunking and however long a line is. State (the open record, the open cell, inside quotes or
 * not) carries over between chunks; nothing already read is re-scanned.
 *
 * The line end is decided by the first line break outside quotes: CRLF or LF make LF-mode, a lone
 * CR makes CR-mode (a line feed inside a quoted cell of a CR file is text, not a record end).
 */
export class CsvTokenizer {
  private state = S.FieldStart;
  private eol = Eol.Unknown;
  private cells: string[] = [];
  private parts: string[] = [];
  /** Records emitted so far (the record being read is records + 1). */
  private records = 0;
  /** Where the open quote of the current quoted cell is. */
  private openCol = -1;
  private readonly special: RegExp;
  readonly problems: CsvProblem[] = [];

  /** The delimiter is not whitespace, so a whole line can be tested for MESSY_SPACE at once. */
  private readonly plainWhitespace: boolean;

  constructor(private readonly delim: string) {
    this.plainWhitespace = !/\s/.test(delim);
    const d = delim.replace(/[\\^\]-]/g, '\\$&');
    this.special = new RegExp(`[${d}\\r\\n]`, 'g');
  }

  /** Where the next character goes: its record (1-based, = Excel row) and cell (0-based). */
  get position(): { record: number; col: number } {
    return { record: this.records + 1, col: this.cells.length };
  }

  /** Complete records in `text`; a record still open at the end of `text` waits for the next push. */
  push(text: string, out: string[][]): void {
    this.chunk++;
    const len = text.length;
    let i = 0;
    if (this.state === S.PendingCr && len > 0) {
      this.state = S.Unquoted;
      i = this.lineBreakAfterCr(text, 0, out);
    }
    while (i < len) {
      switch (this.state) {
        case S.FieldStart:
          if (this.cells.length === 0 && this.eol !== Eol.Unknown) {
            const j = this.fastLines(text, i, out);
            if (j !== i) {
              i = j;
              continue;
            }
          }
          if (text.charCodeAt(i) === 34) {
            this.state = S.Quoted;
            this.openCol = this.cells.length;
            i++;
          } else {
            this.state = S.Unquoted;
          }
          break;
        case S.Unquoted: {
          this.special.lastIndex = i;
          const m = this.special.exec(text);
          if (!m) {
            this.parts.push(text.slice(i));
            return;
          }
          const k = m.index;
          if (k > i) this.parts.push(text.slice(i, k));
          const ch = text.charCodeAt(k);
          if (ch === 10) {
            if (this.eol === Eol.Cr) {
              this.parts.push('\n');
              i = k + 1;
            } else {
              this.eol = Eol.Lf;
              this.endRecord(out);
              i = k + 1;
            }
          } else if (ch === 13) {
            if (k + 1 >= len) {
              this.state = S.PendingCr;
              return;
            }
            i = this.lineBreakAfterCr(text, k + 1, out);
          } else {
            this.endCell();
            this.state = S.FieldStart;
            i = k + 1;
          }
          break;
        }
        case S.Quoted: {
          const k = text.indexOf('"', i);
          if (k < 0) {
            this.parts.push(text.slice(i));
            return;
          }
          if (k > i) this.parts.push(text.slice(i, k));
          this.state = S.QuoteInQuoted;
          i = k + 1;
          break;
        }
        case S.QuoteInQuoted:
          if (text.charCodeAt(i) === 34) {
            this.parts.push('"');
            this.state = S.Quoted;
            i++;
          } else {
            // The closing quote; anything up to the delimiter is kept as written (`"a"b` → ab).
            this.state = S.Unquoted;
            this.openCol = -1;
          }
          break;
        case S.PendingCr:
          // Only reached with an empty chunk.
          return;
      }
    }
  }

  /** The last record, if the file did not end with a line break; an unclosed quote is reported. */
  end(out: string[][]): void {
    if (this.state === S.Quoted) {
      const cell = this.parts.join('');
      const first = /^[^\r\n]*/.exec(cell)![0];
      this.problems.push({
        record: this.records + 1,
        col: this.openCol,
        code: 'unterminated_quote',
        value: tidy(first).slice(0, 100),
      });
    }
    if (this.state === S.PendingCr) {
      if (this.eol === Eol.Unknown) this.eol = Eol.Cr;
      this.endRecord(out);
    } else if (this.state !== S.FieldStart || this.cells.length > 0) {
      this.endRecord(out);
    }
    this.state = S.FieldStart;
  }

  /** After a CR at `k - 1` outside quotes, with text[k] available: ends the record or keeps the CR. */
  private lineBreakAfterCr(text: string, k: number, out: string[][]): number {
    const crlf = text.charCodeAt(k) === 10;
    if (this.eol === Eol.Unknown) this.eol = crlf ? Eol.Lf : Eol.Cr;
    if (crlf) {
      if (this.eol === Eol.Lf) {
        this.endRecord(out);
        return k + 1;
      }
      // CR-mode: the CR ends the record, the LF starts the next one as text.
      this.endRecord(out);
      this.state = S.Unquoted;
      this.parts.push('\n');
      return k + 1;
    }
    if (this.eol === Eol.Cr) {
      this.endRecord(out);
    } else {
      this.parts.push('\r');
    }
    return k;
  }

  private endCell(): void {
    const p = this.parts;
    this.cells.push(tidy(p.length === 1 ? p[0] : p.length === 0 ? '' : p.join('')));
    this.parts = [];
  }

  private endRecord(out: string[][]): void {
    this.endCell();
    out.push(this.cells);
    this.cells = [];
    this.records++;
    this.state = S.FieldStart;
    this.openCol = -1;
  }

  // Cached positions of the next quote / line end in the current chunk (fast path).
  private chunk = 0;
  private fastChunk = -1;
  private nextQuote = -1;
  private nextEol = -1;

  /**
   * Fast path at the start of a record: whole lines without quotes are split directly. Returns
   * the position after the last line taken (= i when the line at i needs the state machine).
   */
  private fastLines(text: string, i: number, out: string[][]): number {
    if (this.fastChunk !== this.chunk) {
      this.fastChunk = this.chunk;
      this.nextQuote = -1;
      this.nextEol = -1;
    }
    const eolCh = this.eol === Eol.Cr ? '\r' : '\n';
    const len = text.length;
    const d = this.delim;
    while (i < len) {
      if (this.nextQuote !== Infinity && this.nextQuote < i) {
        const q = text.indexOf('"', i);
        this.nextQuote = q < 0 ? Infinity : q;
      }
      if (this.nextEol !== Infinity && this.nextEol < i) {
        const n = text.indexOf(eolCh, i);
        this.nextEol = n < 0 ? Infinity : n;
      }
      const nl = this.nextEol;
      if (nl === Infinity || this.nextQuote < nl) return i;
      let end = nl;
      if (this.eol === Eol.Lf) {
        if (end > i && text.charCodeAt(end - 1) === 13) end--;
      } else if (nl + 1 >= len || text.charCodeAt(nl + 1) === 10) {
        // CR at the chunk end or CRLF in a CR file: leave it to the state machine.
        return i;
      }
      const line = text.slice(i, end);
      const cells = line.split(d);
      // One test per line, not one per cell: a line without tabs, no-break spaces or doubled
      // whitespace needs each cell trimmed only (the delimiter, even a tab, is gone after split).
      if (this.plainWhitespace && !MESSY_SPACE.test(line)) {
        for (let c = 0; c < cells.length; c++) cells[c] = cells[c].trim();
      } else for (let c = 0; c < cells.length; c++) cells[c] = tidy(cells[c]);
      out.push(cells);
      this.records++;
      i = nl + 1;
    }
    return i;
  }
}

/** Tokenizes a whole string (for sniffing and tests). */
export function parseCsvText(text: string, delim: string): string[][] {
  const t = new CsvTokenizer(delim);
  const out: string[][] = [];
  t.push(text, out);
  t.end(out);
  return out;
}

const CANDIDATES = [';', '\t', ','] as const;

/**
 * The delimiter of a CSV from its first lines (quotes respected): the candidate that splits the
 * most lines into the same number (>1) of fields. Vietnamese Excel writes ';', "Unicode text" tab.
 */
export function detectDelimiter(sample: string): string {
  // Only whole lines: the sample may end mid-line.
  const cut = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  let best: string = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const rows = parseCsvText(text, d)
      .filter((r) => r.some((c) => c !== ''))
      .slice(0, 30);
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [width, n] of counts) score = Math.max(score, n * 1000 + width);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
