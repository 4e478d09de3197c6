/**
 * Kysely types for sessions, API tokens, login failures (migration 20261123230000_accounts) and
 * known sign-in browsers, token scopes (20261202180000_token_scope_login_devices).
 */
import type { ColumnType, Generated } from 'kysely';
import '../users/users.tables.ts';

export interface SessionTable {
  /** sha256 (hex) of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry; idle expiry is last_seen_at + SESSION_IDLE_MINUTES. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** sha256 (hex) of the token. */
  token_hash: string;
  /** First characters of the token, to recognise it in listings. */
  prefix: string;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 'read', or 'write' (read and write within the owner's grants). Defaults to 'write' for old rows. */
  scope: ColumnType<TokenScope, TokenScope | undefined, TokenScope>;
}

export type TokenScope = 'read' | 'write';

/** A browser that signed in successfully (its device cookie), let through the sign-in lockout. */
export interface LoginDeviceTable {
  /** sha256 (hex) of the device cookie value. */
  id_hash: string;
  user_id: number;
  created_at: string;
  last_used_at: string;
  expires_at: string;
}

export interface LoginFailureTable {
  id: Generated<number>;
  /** What is limited: 'pair:<email>|<ip>', 'account:<email>', 'address:<ip>', 'device:<hash>' (server/auth/throttle.ts). */
  key: string;
  at: string;
  /** The email the attempt named (counted per address: distinct accounts). */
  account: ColumnType<string | null, string | null | undefined, string | null>;
}

declare module '../db/schema.ts' {
  interface Database {
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    login_failures: LoginFailureTable;
    login_devices: LoginDeviceTable;
  }
}
