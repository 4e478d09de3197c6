/**
 * Text matching for names typed by people: NFC/NFD, tone marks, đ/Đ, case and spacing
 * must never decide whether "Văn phòng phẩm", "VAN PHONG PHAM" and "van  phong pham" match.
 */

/** Unicode NFC, trimmed, inner whitespace folded to one space. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * The key codes are compared by: NFC and case folding only. Letters of any script count and keep
 * their marks, so `STTTT-CĐ` and `STTTT-CD` are two codes, `stttt-cđ` is `STTTT-CĐ`.
 * (Names are matched more loosely, through foldKey.)
 * @example codeKey('TTKĐ-01') === codeKey('ttkđ-01') // true
 */
export function codeKey(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/**
 * A matching key: no diacritics, đ→d, lower case, only letters and digits separated by single spaces.
 * @example foldKey('Phòng Báo chí - Xuất bản') // 'phong bao chi xuat ban'
 */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
