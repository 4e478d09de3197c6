/**
 * Plausibility findings as ImportWarnings: the stable code, the params the dashboard words in
 * Vietnamese or English, and the Vietnamese message the CLI prints (both numbers and why).
 * Params carry natural units: money in đồng, quantities as decimals of their unit (12.5 kWh).
 */
import type { ImportWarning } from './schemas/import.ts';
import type { PlausibilityFinding } from './plausibility.ts';
import { formatPeriodVi } from './months.ts';

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/** Where a finding was made: the cell and the figure it belongs to. */
export interface WarningPlace {
  row: number;
  /** The header of the value's column as written in the file. */
  column: string;
  unitCode: string;
  categoryCode: string;
  /** The category's Vietnamese name, for the message. */
  categoryName: string;
  /** The category's quantity unit ('kWh') when the finding is about a quantity or a price. */
  quantityUnit: string | null;
  period: string;
  file?: string;
  invoice?: string;
}

const milli = (v: number) => v / 1000;

function shown(v: number, field: PlausibilityFinding['field'], unit: string | null): string {
  return field === 'amount' ? `${viNumber.format(v)} đ` : `${viNumber.format(milli(v))}${unit ? ` ${unit}` : ''}`;
}

function message(f: PlausibilityFinding, place: WarningPlace): string {
  const v = shown(f.value, f.field, place.quantityUnit);
  const what = `${place.unitCode}, ${place.categoryName}, ${formatPeriodVi(place.period)}`;
  const p = f.params;
  switch (f.code) {
    case 'above_median':
      return `${v} (${what}) lớn gấp ${viNumber.format(Number(p.ratio))} lần trung vị ${p.months} tháng đã nộp gần nhất (${shown(f.reference!, f.field, place.quantityUnit)}). Hãy kiểm tra lại: có thể thừa chữ số hoặc nhầm dấu phân cách.`;
    case 'below_median': {
      const median = shown(f.reference!, f.field, place.quantityUnit);
      const times = p.ratio == null ? 'bằng 0, trong khi' : `nhỏ hơn ${viNumber.format(Number(p.ratio))} lần`;
      return `${v} (${what}) ${times} trung vị ${p.months} tháng đã nộp gần nhất (${median}). Hãy kiểm tra lại: có thể thiếu chữ số (690,000 bị đọc thành 690).`;
    }
    case 'year_change': {
      const pct = Number(p.changePct);
      const dir = pct >= 0 ? 'tăng' : 'giảm';
      return `${v} (${what}) ${dir} ${viNumber.format(Math.abs(pct))}% so với cùng kỳ năm trước (${formatPeriodVi(String(p.lastYearPeriod))}: ${shown(f.reference!, f.field, place.quantityUnit)}). Hãy kiểm tra lại số liệu.`;
    }
    case 'electricity_price': {
      const kwh = `${viNumber.format(milli(Number(p.quantityMilli)))} ${place.quantityUnit ?? 'kWh'}`;
      const price = p.price == null ? 'không xác định (số lượng bằng 0)' : `${viNumber.format(Number(p.price))} đ/kWh`;
      return `Giá điện ${price} (${v} cho ${kwh}; ${what}) nằm ngoài khoảng ${viNumber.format(Number(p.min))}–${viNumber.format(Number(p.max))} đ/kWh. Hãy kiểm tra số tiền và số kWh.`;
    }
    case 'period_not_ended':
      return `${formatPeriodVi(place.period)} chưa kết thúc (${what}): số liệu của tháng chưa kết thúc có thể chưa đầy đủ. Hãy kiểm tra lại kỳ.`;
  }
}

/** The params the dashboard words a warning from (natural units). */
function paramsOf(f: PlausibilityFinding, place: WarningPlace): ImportWarning['params'] {
  const nat = (v: number) => (f.field === 'amount' ? v : milli(v));
  const base = {
    unit: place.unitCode,
    category: place.categoryCode,
    period: place.period,
    field: f.field,
    quantityUnit: place.quantityUnit,
    value: nat(f.value),
  };
  const p = f.params;
  switch (f.code) {
    case 'above_median':
    case 'below_median':
      return { ...base, median: nat(Number(p.median)), months: p.months, ratio: p.ratio };
    case 'year_change':
      return { ...base, lastYear: nat(Number(p.lastYear)), lastYearPeriod: p.lastYearPeriod, changePct: p.changePct };
    case 'electricity_price':
      return { ...base, quantity: milli(Number(p.quantityMilli)), price: p.price, min: p.min, max: p.max };
    case 'period_not_ended':
      return { ...base, lastEnded: p.lastEnded };
  }
}

/**
 * One finding as an ImportWarning at its cell.
 * @example plausibilityWarning(finding, { row: 5, column: 'Số tiền (đồng)', unitCode: 'STTTT-VP', categoryCode: 'stationery', categoryName: 'Văn phòng phẩm', quantityUnit: null, period: '2026-10' })
 */
export function plausibilityWarning(f: PlausibilityFinding, place: WarningPlace): ImportWarning {
  const reference =
    f.reference == null
      ? ''
      : f.code === 'electricity_price'
        ? `${viNumber.format(f.reference)} đ/kWh`
        : shown(f.reference, f.field, place.quantityUnit);
  return {
    row: place.row,
    column: place.column,
    value: shown(f.value, f.field, place.quantityUnit),
    reference,
    code: f.code,
    params: paramsOf(f, place),
    message: message(f, place),
    ...(place.file != null ? { file: place.file } : {}),
    ...(place.invoice != null ? { invoice: place.invoice } : {}),
  };
}
