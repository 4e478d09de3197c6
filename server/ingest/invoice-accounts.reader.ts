/**
 * Invoice-accounts files (`Mã số thuế người bán, Mã khách hàng, Mã số thuế người mua, Mã ĐVQHNS
 * người mua, Mã đơn vị, Khoản chi`): which invoices belong to which unit. A blank match field is
 * "any", but a row must name at least one; a tax code must look like one (10 digits, or 10-3),
 * because a spreadsheet that stored it as a number has silently lost its leading zero.
 */
import { accountField, ACCOUNT_FIELDS, isTaxCode } from '../../domain/einvoices/accounts.ts';
import { cellText, isEmptyCell } from './cells.ts';
import { matchFields, missingFields, type FieldSpec } from './headers.ts';
import { buildMatchers, type Matchers } from './lookup.ts';
import { problem } from './problems.ts';
import { reject, runReader, type HeaderVerdict, type RowHandler } from './reader.ts';
import type {
  Batch,
  FileSource,
  ImportError,
  IngestLookup,
  IngestMeta,
  InvoiceAccountRecord,
  ReadOptions,
  TableRow,
} from './types.ts';

export const INVOICE_ACCOUNT_HEADERS = [
  'Mã số thuế người bán',
  'Mã khách hàng',
  'Mã số thuế người mua',
  'Mã ĐVQHNS người mua',
  'Mã đơn vị',
  'Khoản chi',
];

export const INVOICE_ACCOUNT_FIELDS = {
  sellerTaxCode: {
    header: 'Mã số thuế người bán',
    synonyms: ['Mã số thuế người bán', 'MST người bán', 'Mã số thuế bên bán', 'MST bên bán', 'Seller tax code'],
    required: true,
  },
  customerCode: {
    header: 'Mã khách hàng',
    synonyms: ['Mã khách hàng', 'Mã KH', 'MKHang', 'Customer code'],
    required: true,
  },
  buyerTaxCode: {
    header: 'Mã số thuế người mua',
    synonyms: ['Mã số thuế người mua', 'MST người mua', 'Mã số thuế bên mua', 'MST bên mua', 'Buyer tax code'],
    required: true,
  },
  buyerBudgetCode: {
    header: 'Mã ĐVQHNS người mua',
    synonyms: [
      'Mã ĐVQHNS người mua',
      'Mã ĐVQHNS',
      'Mã QHNS',
      'Mã đơn vị quan hệ ngân sách',
      'MDVQHNSach',
      'Budget code',
    ],
    required: true,
  },
  unit: { header: 'Mã đơn vị', synonyms: ['Mã đơn vị', 'Mã ĐV', 'Đơn vị', 'Tên đơn vị', 'Unit code'], required: true },
  category: { header: 'Khoản chi', synonyms: ['Khoản chi', 'Mã khoản chi', 'Loại chi', 'Category'], required: false },
} satisfies Record<string, FieldSpec>;

type Field = keyof typeof INVOICE_ACCOUNT_FIELDS;
type Cols = Record<Field, number>;

function matchHeader(cells: string[]): HeaderVerdict<Cols> {
  const f = matchFields(cells, INVOICE_ACCOUNT_FIELDS);
  if (f.found < 3 || f.cols.unit < 0 || (f.cols.sellerTaxCode < 0 && f.cols.customerCode < 0)) return null;
  const missing = missingFields(f, INVOICE_ACCOUNT_FIELDS);
  if (missing.length) return { kind: 'incomplete', shape: 'invoice-accounts', missing };
  return { kind: 'header', shape: 'invoice-accounts', header: f.cols, numericCols: [] };
}

function handler(cols: Cols, headers: string[], m: Matchers): RowHandler<InvoiceAccountRecord> {
  const col = (i: number) => headers[i] ?? '';
  const firstRow = new Map<string, number>();
  const err = (row: number, i: number, value: string, code: string, message: string): ImportError => ({
    row,
    column: col(i),
    value,
    code,
    message,
  });

  function row(r: TableRow, out: Batch<InvoiceAccountRecord>) {
    const c = r.cells;
    const errs: ImportError[] = [];
    const keys = {} as Record<(typeof ACCOUNT_FIELDS)[number], string>;
    for (const f of ACCOUNT_FIELDS) {
      const cell = c[cols[f]];
      keys[f] = accountField(cellText(cell));
      const taxCode = f === 'sellerTaxCode' || f === 'buyerTaxCode';
      if (taxCode && keys[f] !== '' && !isTaxCode(keys[f]))
        errs.push(
          err(
            r.row,
            cols[f],
            cellText(cell),
            'invalid_tax_code',
            typeof cell === 'number'
              ? `Mã số thuế "${cellText(cell)}" đã mất số 0 ở đầu vì ô được lưu dạng số. Hãy định dạng cột là Văn bản (Text) và ghi đủ 10 chữ số.`
              : `Mã số thuế "${cellText(cell)}" không hợp lệ: phải có 10 chữ số, hoặc 10 chữ số-3 chữ số (ví dụ 0300942001-012).`,
          ),
        );
    }
    if (ACCOUNT_FIELDS.every((f) => keys[f] === ''))
      errs.push(
        err(
          r.row,
          cols.sellerTaxCode,
          '',
          'account_matches_all',
          'Dòng không ghi mã số thuế người bán, mã khách hàng, mã số thuế hay mã ĐVQHNS người mua nào: sẽ khớp với mọi hóa đơn. Hãy ghi ít nhất một trường.',
        ),
      );
    const unitText = cellText(c[cols.unit]);
    const unit = unitText ? m.unit(unitText) : null;
    if (isEmptyCell(c[cols.unit])) errs.push(problem('missing_value', r.row, col(cols.unit), ''));
    else if (!unit) errs.push(problem('unknown_unit', r.row, col(cols.unit), unitText));
    const catText = cols.category >= 0 ? cellText(c[cols.category]) : '';
    const cat = catText ? m.category(catText) : null;
    if (catText && !cat) errs.push(problem('unknown_category', r.row, col(cols.category), catText));
    else if (cat?.item.retired) errs.push(problem('category_retired', r.row, col(cols.category), catText));
    const key = ACCOUNT_FIELDS.map((f) => keys[f]).join('|');
    const first = firstRow.get(key);
    if (first !== undefined)
      errs.push(
        err(
          r.row,
          cols.sellerTaxCode,
          key.replace(/\|/g, ','),
          'duplicate_key',
          `Dòng này trùng bốn trường nhận diện với dòng ${first}; mỗi tài khoản hóa đơn chỉ khai một dòng. Hãy xóa một dòng.`,
        ),
      );
    else firstRow.set(key, r.row);
    if (errs.length || !unit) {
      out.errors.push(...errs);
      reject(out, r);
      return;
    }
    out.records.push({ row: r.row, ...keys, unitId: unit.item.id, categoryId: cat ? cat.item.id : null });
  }
  return { row };
}

/** Reads an invoice-accounts file against the known units and categories. */
export function readInvoiceAccounts(
  src: FileSource,
  lookup: IngestLookup,
  opts: ReadOptions = {},
): AsyncGenerator<Batch<InvoiceAccountRecord>, IngestMeta> {
  const m = buildMatchers(lookup);
  return runReader<InvoiceAccountRecord, Cols>(
    src,
    {
      expectedHeaders: INVOICE_ACCOUNT_HEADERS.slice(0, 5),
      defaultShape: 'invoice-accounts',
      matchHeader: (cells) => matchHeader(cells),
      handler: (cols, _style, _row, headers) => handler(cols, headers, m),
    },
    opts,
  );
}
