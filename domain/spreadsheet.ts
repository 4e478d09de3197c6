/**
 * Cells bound for a spreadsheet (CSV or XLSX, written by the server or the dashboard): text that
 * Excel or LibreOffice would run as a formula gets a leading ' (OWASP ASVS 5.0 V1.2.10).
 */

/**
 * Neutralise spreadsheet formulas: =, +, -, @, tab, CR or NUL at the start of a text cell.
 * @example safeCell('=HYPERLINK("http://x")') // `'=HYPERLINK("http://x")`
 */
export function safeCell(s: string): string {
  return /^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s;
}
