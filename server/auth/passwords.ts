/**
 * Password hashing with argon2id (OWASP minimum: m = 19 MiB, t = 2, p = 1), and the random
 * secrets behind sessions and API tokens (only their sha256 is stored).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm is a const enum in the binding's types, which isolatedModules cannot import: 2 = Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the account does not exist, so that an unknown email costs the same time.
let dummyHash: Promise<string> | undefined;

/** True when the password matches; a null hash (no password set) never matches but costs the same. */
export async function verifyPassword(phc: string | null, password: string): Promise<boolean> {
  if (!phc) {
    dummyHash ??= hashPassword('dummy password for timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/** A new random secret, URL-safe, with a recognisable prefix ('tk_' for tokens, '' for sessions). */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
