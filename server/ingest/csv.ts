/**
 * A small streaming CSV tokenizer (RFC 4180 quotes, "" escapes, CRLF/LF/CR line ends) fed with
 * decoded text chunks. Written here rather than taken from csv-parse because the readers need
 * exact Excel row numbers (one record = one row, even with newlines inside quotes) and speed:
 * lines without quotes take an indexOf/split fast path.
 */

/** Trim and fold inner whitespace runs to one space (text is already NFC). */
export function tidy(c: string): string {
  const t = c.trim();
  return /[\s\u00a0]{2}|[\t\n\r\u00a0]/.test(t) ? t.replace(/[\s\u00a0]+/g, ' ') : t;
}

export class CsvTokenizer {
  private buf = '';
  private eol: '\n' | '\r' = '\n';
  private eolKnown = false;
  constructor(private readonly delim: string) {}

  /** Complete records in `text` (plus what was left over before); the incomplete tail waits. */
  push(text: string, out: string[][]): void {
    this.buf = this.buf ? this.buf + text : text;
    this.parse(out, false);
  }

  /** The last record, if the file did not end with a line break. */
  end(out: string[][]): void {
    this.parse(out, true);
    this.buf = '';
  }

  private parse(out: string[][], final: boolean): void {
    const buf = this.buf;
    if (!this.eolKnown) {
      const n = buf.indexOf('\n');
      const r = buf.indexOf('\r');
      // A CR at the very end may be the first half of CRLF: wait for the next character.
      const crAtEnd = n < 0 && r === buf.length - 1 && !final;
      if ((n >= 0 || r >= 0 || final) && !crAtEnd) {
        this.eol = n < 0 && r >= 0 ? '\r' : '\n';
        this.eolKnown = true;
      } else {
        return;
      }
    }
    const eol = this.eol;
    const d = this.delim;
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      let nl = buf.indexOf(eol, pos);
      if (nl < 0 && !final) break;
      if (nl < 0) nl = len;
      const q = buf.indexOf('"', pos);
      if (q < 0 || q > nl) {
        // Fast path: a line without quotes.
        let end = nl;
        if (eol === '\n' && end > pos && buf.charCodeAt(end - 1) === 13) end--;
        const line = buf.slice(pos, end);
        const cells = line.split(d);
        for (let i = 0; i < cells.length; i++) cells[i] = tidy(cells[i]);
        out.push(cells);
        pos = nl + 1;
        continue;
      }
      const next = this.quoted(buf, pos, final, out);
      if (next < 0) break;
      pos = next;
    }
    this.buf = pos >= len ? '' : buf.slice(pos);
  }

  /** Parses one record containing quotes from `start`; returns the next position, or -1 if incomplete. */
  private quoted(buf: string, start: number, final: boolean, out: string[][]): number {
    const d = this.delim;
    const len = buf.length;
    const cells: string[] = [];
    let cell = '';
    let i = start;
    let atStart = true;
    while (true) {
      if (i >= len) {
        if (!final) return -1;
        cells.push(tidy(cell));
        out.push(cells);
        return len;
      }
      const ch = buf[i];
      if (atStart && ch === '"') {
        // A quoted field: until a lone closing quote.
        let j = i + 1;
        let val = '';
        while (true) {
          const k = buf.indexOf('"', j);
          if (k < 0) {
            if (!final) return -1;
            val += buf.slice(j);
            j = len;
            break;
          }
          if (k + 1 >= len && !final) return -1;
          if (buf[k + 1] === '"') {
            val += buf.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          val += buf.slice(j, k);
          j = k + 1;
          break;
        }
        cell += val;
        i = j;
        atStart = false;
        continue;
      }
      if (ch === d) {
        cells.push(tidy(cell));
        cell = '';
        atStart = true;
        i++;
        continue;
      }
      if (ch === '\n' && this.eol === '\n') {
        cells.push(tidy(cell));
        out.push(cells);
        return i + 1;
      }
      if (ch === '\r') {
        if (this.eol === '\r' || buf[i + 1] === '\n') {
          cells.push(tidy(cell));
          out.push(cells);
          return this.eol === '\r' ? i + 1 : i + 2;
        }
        if (i + 1 >= len && !final) return -1;
      }
      cell += ch;
      atStart = false;
      i++;
    }
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
