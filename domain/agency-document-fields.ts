/**
 * The agency document's field names and the number placeholder, without zod: domain/agency-document.ts
 * reads them and is bundled into the dashboard's report view, and zod must not reach the bundle
 * (its eval probe is a Content-Security-Policy violation under script-src 'self').
 * domain/schemas/agency-document.ts re-exports them and checks them against its schema.
 */

/** The placeholder where the register number goes in a number pattern. */
export const NUMBER_PLACEHOLDER = '…';
/** "..." typed on a keyboard is the same placeholder. @example normaliseNumberPattern('.../BC-STTTT') // '…/BC-STTTT' */
export const normaliseNumberPattern = (s: string) => s.replace(/\.\.\./g, NUMBER_PLACEHOLDER);

export const AGENCY_DOCUMENT_FIELDS = [
  'superiorBody',
  'issuerName',
  'issuerCode',
  'place',
  'signerAuthority',
  'signerTitle',
  'signerName',
  'recipients',
  'numberPattern',
] as const;
