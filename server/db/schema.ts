/**
 * Kysely table types. Core tables are declared here; a feature that adds tables declares them
 * in its own `<feature>.tables.ts` by augmenting `Database` (declare module), so features
 * never edit each other's types. Row types are DB shapes; API shapes live in domain/schemas.
 *
 * Conventions (both SQLite and PostgreSQL): money is bigint đồng; quantities are bigint
 * thousandths (`*_milli`, so 12,5 kWh = 12500) to stay exact; booleans are integer 0/1;
 * times are ISO-8601 UTC text; JSON lists are text.
 */
import type { Generated, Kysely } from 'kysely';

export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  headcount: number;
  /** JSON array of extra names. */
  aliases: string;
  created_at: string;
  updated_at: string;
}

export interface CategoryTable {
  id: Generated<number>;
  code: string;
  name_vi: string;
  name_en: string;
  quantity_unit: string | null;
  default_basis: 'norm' | 'previous_year';
  /** Tenths of a percent: 100 = 10.0%. */
  default_target_tenths: number | null;
  aliases: string;
  retired: number;
  sort_order: number;
}

export interface SettingTable {
  id: Generated<number>;
  unit_id: number;
  category_id: number;
  year: number;
  basis: 'norm' | 'previous_year' | null;
  norm_amount: number | null;
  norm_quantity_milli: number | null;
  norm_per_capita: number | null;
  target_tenths: number | null;
  updated_at: string;
  updated_by: string | null;
}

export interface FigureTable {
  id: Generated<number>;
  unit_id: number;
  category_id: number;
  period: string;
  amount: number;
  quantity_milli: number | null;
  note: string | null;
  import_id: number | null;
  updated_at: string;
  updated_by: string | null;
}

export interface FigureHistoryTable {
  id: Generated<number>;
  figure_id: number;
  /** The value before the change. */
  amount: number;
  quantity_milli: number | null;
  note: string | null;
  /** Who/when/which import replaced it. */
  changed_at: string;
  changed_by: string | null;
  import_id: number | null;
  source: 'import' | 'manual';
}

export interface ImportTable {
  id: Generated<number>;
  kind: 'figures' | 'units' | 'norms' | 'invoices' | 'invoice-accounts';
  file_name: string;
  sha256: string;
  size_bytes: number;
  shape: string | null;
  status: 'stored' | 'rejected' | 'dry_run' | 'unconfirmed' | 'refused' | 'failed';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  error_count: number;
  /** JSON array of ImportError (capped). */
  errors: string;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  units: UnitTable;
  categories: CategoryTable;
  settings: SettingTable;
  figures: FigureTable;
  figure_history: FigureHistoryTable;
  imports: ImportTable;
}

export type Db = Kysely<Database>;
