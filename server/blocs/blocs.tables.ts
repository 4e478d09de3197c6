/** Table types of the emulation blocs feature (module augmentation of the core Database). */
import type { Generated } from 'kysely';

export interface BlocTable {
  id: Generated<number>;
  name: string;
  year: number;
  /** JSON of BlocScheme (domain/schemas/bloc.ts). */
  scheme: string;
  share_details: number;
  created_at: string;
  created_by: string | null;
}

export interface BlocMemberTable {
  id: Generated<number>;
  bloc_id: number;
  unit_id: number;
}

export interface BlocManualScoreTable {
  id: Generated<number>;
  bloc_id: number;
  unit_id: number;
  criterion_code: string;
  /** Points × 10 (9,5 points = 95). */
  points_tenths: number;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    blocs: BlocTable;
    bloc_members: BlocMemberTable;
    bloc_manual_scores: BlocManualScoreTable;
  }
}
