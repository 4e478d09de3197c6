/**
 * The demo agency's e-invoices: the last closed month of STTTT-VP and STTTT-TTCNTT comes from
 * the invoices their suppliers would send (EVN electricity by meter, VNPT and Viettel telecom,
 * Hồng Hà stationery, a cleaning company for other costs) instead of generated figures. Each
 * invoice's total (VAT included) is about the figure the generator made for that month; the
 * invoice accounts map them to the two divisions only, so the Department itself gets nothing
 * from them (its divisions submit). Pure: XML text and an accounts CSV for the import services.
 */
import { splitPeriod, type Period } from '../../domain/months.ts';
import type { GeneratedFigure } from './demo.generate.ts';
import { invoiceXml, type DraftLine, type InvoiceDraft } from './einvoice-xml.ts';

/** The divisions whose last closed month comes from invoices. */
export const INVOICE_UNITS = ['STTTT-VP', 'STTTT-TTCNTT'] as const;

const EVN = { name: 'Công ty Điện lực Trà Vinh - Tổng công ty Điện lực miền Nam', taxCode: '0300942001-012' };
const VNPT = { name: 'Viễn thông Trà Vinh - Tập đoàn Bưu chính Viễn thông Việt Nam', taxCode: '0100684378-075' };
const VIETTEL = {
  name: 'Viettel Trà Vinh - Chi nhánh Tập đoàn Công nghiệp - Viễn thông Quân đội',
  taxCode: '0100109106-088',
};
const HONGHA = { name: 'Công ty TNHH Văn phòng phẩm Hồng Hà Trà Vinh', taxCode: '2100456789' };
const CLEANING = { name: 'Công ty TNHH Dịch vụ Vệ sinh Môi trường Trà Vinh', taxCode: '2100333444' };

/** The buyers: the Department (its office buys in its name) and the centre, a budget unit of its own. */
const BUYERS = {
  'STTTT-VP': { name: 'Sở Thông tin và Truyền thông tỉnh Trà Vinh', taxCode: '2100987654', budgetCode: '1045678' },
  'STTTT-TTCNTT': {
    name: 'Trung tâm Công nghệ thông tin và Truyền thông tỉnh Trà Vinh',
    taxCode: '2100654321',
    budgetCode: '1098765',
  },
} as const;

/** Per division: the electricity meter's and the telephone line's customer codes, and the telecom seller. */
const ACCOUNTS = {
  'STTTT-VP': { meter: 'PB14010012345', line: 'TV-0294-3862345', telecom: VNPT },
  'STTTT-TTCNTT': { meter: 'PB14010012346', line: 'VT-7701234', telecom: VIETTEL },
} as const;

/** The accounts rows the demo's invoices need (the same customer codes as samples/einvoices/accounts.csv). */
export function demoAccountsCsv(): string {
  const vp = BUYERS['STTTT-VP'];
  const tt = BUYERS['STTTT-TTCNTT'];
  return (
    [
      'Mã số thuế người bán,Mã khách hàng,Mã số thuế người mua,Mã ĐVQHNS người mua,Mã đơn vị,Khoản chi',
      `${EVN.taxCode},${ACCOUNTS['STTTT-VP'].meter},,,STTTT-VP,`,
      `${EVN.taxCode},${ACCOUNTS['STTTT-TTCNTT'].meter},,,STTTT-TTCNTT,`,
      `${VNPT.taxCode},${ACCOUNTS['STTTT-VP'].line},,,STTTT-VP,`,
      `${VIETTEL.taxCode},${ACCOUNTS['STTTT-TTCNTT'].line},,,STTTT-TTCNTT,`,
      `${HONGHA.taxCode},,,${vp.budgetCode},STTTT-VP,`,
      `${HONGHA.taxCode},,${tt.taxCode},,STTTT-TTCNTT,`,
      `${CLEANING.taxCode},,,${vp.budgetCode},STTTT-VP,other`,
      `${CLEANING.taxCode},,${tt.taxCode},,STTTT-TTCNTT,other`,
    ].join('\n') + '\n'
  );
}

/** Before-tax amount whose total with `vatPct` is closest to `total` (VAT rounded as draftTotals does). */
function beforeTaxOf(total: number, vatPct: number): number {
  return Math.round((total * 100) / (100 + vatPct));
}

/** Splits `amount` by `shares` (summing to 1) into whole đồng that add up exactly. */
function split(amount: number, shares: number[]): number[] {
  const parts = shares.map((s) => Math.floor((amount * s) / 1000) * 1000);
  parts[parts.length - 1] = amount - parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return parts;
}

const line = (name: string, unit: string, quantity: number, amount: number): DraftLine => ({
  name,
  unit,
  quantity,
  price: Math.round(amount / quantity),
  amount,
});

export interface DemoInvoiceFile {
  fileName: string;
  xml: string;
}

/**
 * The invoices of `period` for the divisions in INVOICE_UNITS, from the figures the generator made
 * for them. Numbers are derived from the period, so loading the demo again gives the same invoices
 * (duplicates, nothing changes).
 */
export function demoInvoices(figures: GeneratedFigure[], period: Period): DemoInvoiceFile[] {
  const { year, month } = splitPeriod(period);
  const mm = String(month).padStart(2, '0');
  const yy = String(year % 100).padStart(2, '0');
  const monthText = `${mm}/${year}`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const on = (day: number) => `${year}-${mm}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
  const number = (seq: number) => String((year % 100) * 100_000 + month * 1000 + seq).padStart(7, '0');
  const out: DemoInvoiceFile[] = [];
  INVOICE_UNITS.forEach((unit, u) => {
    const buyer = BUYERS[unit];
    const acct = ACCOUNTS[unit];
    const fig = (c: GeneratedFigure['category']) =>
      figures.find((f) => f.unit === unit && f.period === period && f.category === c);
    const add = (slug: string, d: InvoiceDraft) =>
      out.push({ fileName: `${unit}-${period}-${slug}.xml`, xml: invoiceXml(d) });

    const elec = fig('electricity');
    if (elec?.kwh) {
      const amount = beforeTaxOf(elec.amount, 8);
      const price = Math.round(amount / elec.kwh);
      add('dien', {
        seller: EVN,
        buyer: { name: BUYERS['STTTT-VP'].name, taxCode: BUYERS['STTTT-VP'].taxCode, customerCode: acct.meter },
        symbol: `C${yy}TAA`,
        number: number(1 + u),
        issuedOn: on(lastDay),
        period: monthText,
        lines: [
          {
            name: 'Điện tiêu thụ (Hành chính sự nghiệp)',
            unit: 'kWh',
            quantity: elec.kwh,
            price,
            amount: price * elec.kwh,
          },
        ],
        vatPct: 8,
      });
    }
    const phone = fig('phone');
    if (phone) {
      const [fixed, data] = split(beforeTaxOf(phone.amount, 10), [0.4, 0.6]);
      add('vien-thong', {
        seller: acct.telecom,
        buyer: { name: buyer.name, taxCode: buyer.taxCode, customerCode: acct.line },
        symbol: unit === 'STTTT-VP' ? `C${yy}TVT` : `K${yy}TVT`,
        number: number(11 + u),
        issuedOn: on(lastDay),
        lines: [
          line(`Cước dịch vụ điện thoại tháng ${monthText}`, 'Tháng', 1, fixed),
          line(`Cước Internet cáp quang tháng ${monthText}`, 'Tháng', 1, data),
        ],
        vatPct: 10,
      });
    }
    const stationery = fig('stationery');
    if (stationery) {
      const [paper, pens, ink] = split(beforeTaxOf(stationery.amount, 8), [0.5, 0.2, 0.3]);
      add('van-phong-pham', {
        seller: HONGHA,
        buyer: { name: buyer.name, taxCode: buyer.taxCode, budgetCode: buyer.budgetCode },
        symbol: `C${yy}THH`,
        number: number(21 + u),
        issuedOn: on(15),
        lines: [
          line('Giấy A4 Double A 80gsm', 'Ram', Math.max(1, Math.round(paper / 85_000)), paper),
          line('Bút bi Thiên Long TL-027', 'Hộp', Math.max(1, Math.round(pens / 60_000)), pens),
          line('Mực in HP 107A', 'Hộp', Math.max(1, Math.round(ink / 450_000)), ink),
        ],
        vatPct: 8,
      });
    }
    const other = fig('other');
    if (other) {
      add('ve-sinh', {
        seller: CLEANING,
        buyer: { name: buyer.name, taxCode: buyer.taxCode, budgetCode: buyer.budgetCode },
        symbol: `C${yy}TVS`,
        number: number(31 + u),
        issuedOn: on(20),
        lines: [line(`Dịch vụ vệ sinh văn phòng tháng ${monthText}`, 'Tháng', 1, beforeTaxOf(other.amount, 8))],
        vatPct: 8,
      });
    }
  });
  return out;
}
