/** Kysely types for users and role grants (migration 20261123230000_accounts). */
import type { Generated } from 'kysely';

export type Role = 'admin' | 'officer' | 'viewer';

export interface UserTable {
  id: Generated<number>;
  /** Lower-cased; the login name. */
  email: string;
  name: string;
  /** argon2id PHC string; null: cannot sign in with a password (token-only account). */
  password_hash: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  /** Root of the granted subtree; null = the whole tree. */
  unit_id: number | null;
  created_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    users: UserTable;
    role_grants: RoleGrantTable;
  }
}
