/**
 * XML files → the invoices they hold, every problem reported with its file (and invoice when its
 * identity could be read), so a rejected import lists all of them at once.
 */
import type { InvoiceImportError } from '../../domain/schemas/einvoice.ts';
import type { XmlFile } from './files.ts';
import { readInvoices, type ReadInvoice } from './invoice-read.ts';
import { decodeXml, parseXml } from './xml.ts';
import { invoiceError } from './problems.ts';

export interface ReadItem {
  file: string;
  fileHash: string;
  read: ReadInvoice;
}

export function readXmlFiles(files: XmlFile[], errors: InvoiceImportError[]): ReadItem[] {
  const out: ReadItem[] = [];
  for (const f of files) {
    const text = decodeXml(f.bytes);
    if (!text.ok) {
      errors.push(invoiceError(text.problem.code, text.problem.params, f.name, ''));
      continue;
    }
    const tree = parseXml(text.value);
    if (!tree.ok) {
      errors.push(invoiceError(tree.problem.code, tree.problem.params, f.name, ''));
      continue;
    }
    const r = readInvoices(tree.value);
    for (const p of r.problems) errors.push(invoiceError(p.code, p.params, f.name, p.invoice));
    for (const read of r.invoices) out.push({ file: f.name, fileHash: f.sha256, read });
  }
  return out;
}
