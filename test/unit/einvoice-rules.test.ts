/** The e-invoice rules of docs/domain.md, one by one, on invoices built in memory. */
import { describe, expect, it } from 'vitest';
import { dec, normDecimal, roundHalfAway, toMilli } from '../../domain/einvoices/decimal.ts';
import { invoiceNumber, type Invoice, type InvoiceLine } from '../../domain/einvoices/invoice.ts';
import { invoiceValue } from '../../domain/einvoices/amounts.ts';
import { invoicePeriod } from '../../domain/einvoices/period.ts';
import { fallbackCategory } from '../../domain/einvoices/category.ts';
import { matchAccount, suggestAccountRow, type AccountRow } from '../../domain/einvoices/accounts.ts';
import { assignInvoice } from '../../domain/einvoices/assign.ts';

function line(over: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    nature: '1',
    name: 'Dịch vụ',
    unit: 'Lần',
    quantity: '1',
    price: '100000',
    amount: '100000',
    taxRate: '10%',
    adjustment: null,
    other: [],
    ...over,
  };
}

function invoice(over: Partial<Invoice> = {}): Invoice {
  return {
    id: { sellerTaxCode: '0100000000', form: '1', symbol: 'C26TAA', number: '14' },
    numberText: '0000014',
    issuedOn: '2026-11-04',
    currency: 'VND',
    rate: '1',
    related: null,
    seller: { name: 'Công ty TNHH A', taxCode: '0100000000' },
    buyer: { name: 'Sở X', taxCode: '2100987654', customerCode: '', budgetCode: '' },
    lines: [line()],
    totals: { beforeTax: '100000', tax: '10000', total: '110000' },
    otherFields: { general: [], content: [] },
    taxAuthorityCode: null,
    hasSellerSignature: false,
    ...over,
  };
}

describe('decimals', () => {
  it.each([
    ['2564230.000000', '2564230'],
    ['0002564230', '2564230'],
    ['+12.50', '12.5'],
    ['-0.000', '0'],
    ['-12.5', '-12.5'],
    ['.5', '0.5'],
    ['1,5', null],
    ['1e3', null],
    ['', null],
  ])('normDecimal(%s) = %s', (text, want) => expect(normDecimal(text)).toBe(want));

  it('rounds half away from zero and keeps thousandths exact', () => {
    expect(roundHalfAway(dec('2.5'))).toBe(3n);
    expect(roundHalfAway(dec('-2.5'))).toBe(-3n);
    expect(roundHalfAway(dec('2.4999'))).toBe(2n);
    expect(toMilli(dec('1129.5'))).toBe(1129500n);
    expect(toMilli(dec('1.0005'))).toBeNull();
    expect(toMilli(dec('1.000000'))).toBe(1000n);
  });

  it('compares invoice numbers as numbers', () => {
    expect(invoiceNumber('0000014')).toBe('14');
    expect(invoiceNumber('14')).toBe('14');
    expect(invoiceNumber('0')).toBe('0');
    expect(invoiceNumber('14A')).toBeNull();
  });
});

describe('amount VAT included and kWh', () => {
  it('takes TgTTTBSo in whole đồng; .000000 is whole; a fraction of a đồng is an error', () => {
    expect(invoiceValue(invoice())).toEqual({ ok: true, value: { amount: 110000, quantityMilli: null } });
    expect(invoiceValue(invoice({ totals: { beforeTax: null, tax: null, total: '110000' } })).ok).toBe(true);
    const frac = invoiceValue(invoice({ totals: { beforeTax: null, tax: null, total: '110000.5' } }));
    expect(frac).toMatchObject({ ok: false, problem: { code: 'invoice_amount_fraction' } });
  });

  it('converts a foreign currency with TGia, half away from zero; a missing rate is an error', () => {
    const usd = invoice({ currency: 'USD', rate: '25450.5', totals: { beforeTax: null, tax: null, total: '12.5' } });
    // 12.5 × 25450.5 = 318131.25 → 318131
    expect(invoiceValue(usd)).toEqual({ ok: true, value: { amount: 318131, quantityMilli: null } });
    const half = invoice({ currency: 'USD', rate: '3', totals: { beforeTax: null, tax: null, total: '0.5' } });
    expect(invoiceValue(half)).toMatchObject({ ok: true, value: { amount: 2 } });
    expect(invoiceValue(invoice({ currency: 'USD', rate: null }))).toMatchObject({
      ok: false,
      problem: { code: 'invoice_rate_missing' },
    });
  });

  it('sums kWh of goods lines in any case, ignoring other units and non-goods lines', () => {
    const inv = invoice({
      lines: [
        line({ unit: 'kWh', quantity: '1000.5' }),
        line({ unit: 'KWH', quantity: '29' }),
        line({ unit: 'kwh', quantity: '5', nature: '4' }),
        line({ unit: 'Tháng', quantity: '1' }),
      ],
    });
    expect(invoiceValue(inv)).toMatchObject({ ok: true, value: { quantityMilli: 1_029_500 } });
  });

  it('an adjusting invoice decreases when a line is negative or marked TCDChinh 2 (never twice)', () => {
    const related = { kind: 'adjust' as const, form: '1', symbol: 'C26TAA', number: '13' };
    const down = invoice({
      related,
      lines: [line({ unit: 'kWh', quantity: '100', amount: '210300', adjustment: '2' })],
      totals: { beforeTax: '210300', tax: '16824', total: '227124' },
    });
    expect(invoiceValue(down)).toEqual({ ok: true, value: { amount: -227124, quantityMilli: -100000 } });
    const negative = invoice({
      related,
      lines: [line({ unit: 'kWh', quantity: '-100', amount: '-210300', adjustment: '2' })],
      totals: { beforeTax: '-210300', tax: '-16824', total: '-227124' },
    });
    expect(invoiceValue(negative)).toEqual({ ok: true, value: { amount: -227124, quantityMilli: -100000 } });
    const up = invoice({ related, lines: [line({ adjustment: '1' })] });
    expect(invoiceValue(up)).toEqual({ ok: true, value: { amount: 110000, quantityMilli: null } });
    const mixed = invoice({ related, lines: [line(), line({ adjustment: '2' })] });
    expect(invoiceValue(mixed)).toMatchObject({ ok: false, problem: { code: 'invoice_adjustment_mixed' } });
  });

  it('a negative total on an invoice that adjusts nothing is an error', () => {
    expect(invoiceValue(invoice({ totals: { beforeTax: null, tax: null, total: '-5' } }))).toMatchObject({
      ok: false,
      problem: { code: 'invoice_negative_total' },
    });
  });
});

describe('period', () => {
  const field = (name: string, value: string) => [{ name, value }];
  it('reads a TTKhac field of TTChung first, then NDHDon, then the lines', () => {
    expect(
      invoicePeriod(invoice({ otherFields: { general: field('KyHoaDon', '10/2026'), content: [] } })),
    ).toMatchObject({ period: '2026-10', source: 'field' });
    expect(
      invoicePeriod(
        invoice({
          otherFields: { general: field('Ghi chú', '09/2026'), content: field('Kỳ hóa đơn', 'Kỳ 2 tháng 11/2026') },
        }),
      ),
    ).toMatchObject({ period: '2026-11', from: 'Kỳ hóa đơn' });
    expect(
      invoicePeriod(invoice({ lines: [line({ other: field('THÁNG', '9/2026') })], issuedOn: '2026-12-01' })),
    ).toMatchObject({ period: '2026-09', source: 'field' });
    expect(
      invoicePeriod(
        invoice({
          otherFields: { general: field('Kỳ', '11/2026'), content: field('KyHoaDon', '10/2026') },
        }),
      ),
    ).toMatchObject({ period: '2026-11' });
  });

  it('a period field without MM/YYYY does not count', () => {
    expect(
      invoicePeriod(
        invoice({ otherFields: { general: field('KyHoaDon', 'Kỳ 2'), content: [] }, issuedOn: '2026-12-03' }),
      ),
    ).toMatchObject({ period: '2026-12', source: 'date' });
  });

  it('then "tháng MM/YYYY" in a line name, then NLap', () => {
    const phone = invoice({ lines: [line({ name: 'Cước dịch vụ điện thoại cố định tháng 10/2026' })] });
    expect(invoicePeriod(phone)).toMatchObject({ period: '2026-10', source: 'line', others: [] });
    const two = invoice({
      lines: [line({ name: 'Cước tháng 10/2026' }), line({ name: 'Nợ cũ Tháng 9-2026' })],
    });
    expect(invoicePeriod(two)).toMatchObject({ period: '2026-10', others: ['2026-09'] });
    expect(invoicePeriod(invoice())).toMatchObject({ period: '2026-11', source: 'date' });
  });
});

describe('category fallbacks', () => {
  it('kWh line → electricity; "Điện lực" seller → electricity', () => {
    expect(fallbackCategory(invoice({ lines: [line({ unit: 'kWh' })] })).category).toBe('electricity');
    expect(fallbackCategory(invoice({ seller: { name: 'CÔNG TY ĐIỆN LỰC TRÀ VINH', taxCode: '1' } })).category).toBe(
      'electricity',
    );
  });

  it.each(['Tập đoàn VNPT', 'Viettel Trà Vinh', 'Tổng công ty MobiFone', 'Viễn thông Trà Vinh'])('%s → phone', (name) =>
    expect(fallbackCategory(invoice({ seller: { name, taxCode: '1' } })).category).toBe('phone'),
  );

  it('stationery when its lines are more than half of the amount before tax', () => {
    const lines = [
      line({ name: 'Giấy A4', amount: '60000' }),
      line({ name: 'Sổ tay', amount: '1000' }),
      line({ name: 'Nước uống', amount: '39000' }),
    ];
    expect(fallbackCategory(invoice({ lines })).category).toBe('stationery');
    const half = [line({ name: 'Bút bi', amount: '50000' }), line({ name: 'Nước uống', amount: '50000' })];
    expect(fallbackCategory(invoice({ lines: half })).category).toBe('other');
  });

  it('"số" is not "sổ"; "phòng" is not stationery', () => {
    expect(fallbackCategory(invoice({ lines: [line({ name: 'Số lượng phòng nghỉ' })] })).category).toBe('other');
    expect(fallbackCategory(invoice({ lines: [line({ name: 'Thuê phòng họp' })] })).category).toBe('other');
    expect(fallbackCategory(invoice({ lines: [line({ name: 'PHONG BÌ THƯ' })] })).category).toBe('stationery');
  });
});

describe('invoice accounts', () => {
  const row = (id: number, over: Partial<AccountRow>): AccountRow => ({
    id,
    sellerTaxCode: '',
    customerCode: '',
    buyerTaxCode: '',
    buyerBudgetCode: '',
    unitCode: 'U' + id,
    categoryCode: null,
    ...over,
  });
  const keys = {
    sellerTaxCode: '0300942001-012',
    customerCode: 'PB14010012345',
    buyerTaxCode: '2100987654',
    buyerBudgetCode: '',
  };

  it('every non-blank field must equal; the most specific row wins', () => {
    const rows = [
      row(1, { buyerTaxCode: '2100987654' }),
      row(2, { sellerTaxCode: '0300942001-012', customerCode: 'PB14010012345' }),
      row(3, { sellerTaxCode: '0300942001-012', customerCode: 'PB14010012346' }),
    ];
    expect(matchAccount(rows, keys)).toMatchObject({ kind: 'match', row: { id: 2 } });
    expect(matchAccount(rows, { ...keys, customerCode: 'pb 1401 0012345' })).toMatchObject({ row: { id: 2 } });
    expect(matchAccount(rows, { ...keys, customerCode: 'OTHER' })).toMatchObject({ row: { id: 1 } });
    expect(matchAccount(rows, { ...keys, customerCode: 'OTHER', buyerTaxCode: '1' })).toEqual({ kind: 'none' });
  });

  it('a tie between the most specific rows is an error', () => {
    const rows = [row(1, { buyerTaxCode: '2100987654' }), row(2, { sellerTaxCode: '0300942001-012' })];
    expect(matchAccount(rows, keys)).toMatchObject({ kind: 'tie', rows: [{ id: 1 }, { id: 2 }] });
  });

  it('no row: the error names the invoice and the row that would map it', () => {
    expect(
      suggestAccountRow({
        sellerTaxCode: '2100999888',
        customerCode: '',
        buyerTaxCode: '2100555444',
        buyerBudgetCode: '',
      }),
    ).toBe('2100999888,,2100555444,,<Mã đơn vị>,');
    const r = assignInvoice(invoice(), []);
    expect(r).toMatchObject({
      ok: false,
      problem: { code: 'invoice_no_account', params: { sellerTaxCode: '0100000000' } },
    });
  });

  it("the row's category wins over the fallbacks", () => {
    const kwh = invoice({ lines: [line({ unit: 'kWh' })] });
    expect(assignInvoice(kwh, [row(1, { sellerTaxCode: '0100000000', categoryCode: 'other' })])).toMatchObject({
      ok: true,
      value: { categoryCode: 'other', categoryReason: 'account', unitCode: 'U1' },
    });
    expect(assignInvoice(kwh, [row(1, { sellerTaxCode: '0100000000' })])).toMatchObject({
      value: { categoryCode: 'electricity', categoryReason: 'kwh' },
    });
  });
});
