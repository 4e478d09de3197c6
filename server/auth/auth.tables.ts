/** Kysely types for sessions, API tokens and login failures (migration 20261123230000_accounts). */
import type { Generated } from 'kysely';
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
}

export interface LoginFailureTable {
  id: Generated<number>;
  /** 'account:<email>' or 'address:<ip>'. */
  key: string;
  at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    login_failures: LoginFailureTable;
  }
}
