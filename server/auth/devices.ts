/**
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in successfully gets `tk_device`, a random value (only its sha256 is stored) naming that
 * account, for LOGIN_DEVICE_DAYS. The sign-in lockout (./throttle.ts) lets such a browser through
 * the limits that strangers trigger. One browser holds one device cookie: signing in to another
 * account replaces it.
 */
import type { AppDeps } from '../deps.ts';
import type { Env } from '../env.ts';
import { newSecret, sha256Hex } from './passwords.ts';
import {
  deleteExpiredLoginDevices,
  deleteLoginDevice,
  findLoginDevice,
  insertLoginDevice,
  touchLoginDevice,
} from './sessions.repository.ts';

export const DEVICE_COOKIE = 'tk_device';

/** The cookie's hash when it is a live known browser of the account with this (lower-cased) email. */
export async function knownDeviceOf(deps: AppDeps, cookie: string | undefined, email: string): Promise<string | null> {
  if (!cookie) return null;
  const hash = sha256Hex(cookie);
  const d = await findLoginDevice(deps.db, hash);
  if (!d || d.email !== email || Date.parse(d.expires_at) <= deps.clock.now().getTime()) return null;
  return hash;
}

/**
 * After a successful sign-in: keeps the browser's cookie when it already names this account
 * (returns null: nothing to set), else a new device cookie replacing the browser's old one.
 */
export async function rememberDevice(
  deps: AppDeps,
  userId: number,
  cookie: string | undefined,
  known: string | null,
): Promise<{ value: string; expiresAt: string } | null> {
  const now = deps.clock.now();
  if (known) {
    await touchLoginDevice(deps.db, known, now.toISOString());
    return null;
  }
  if (cookie) await deleteLoginDevice(deps.db, sha256Hex(cookie));
  await deleteExpiredLoginDevices(deps.db, now.toISOString());
  const value = newSecret();
  const expiresAt = new Date(now.getTime() + deps.env.LOGIN_DEVICE_DAYS * 86_400_000).toISOString();
  await insertLoginDevice(deps.db, {
    id_hash: sha256Hex(value),
    user_id: userId,
    created_at: now.toISOString(),
    last_used_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { value, expiresAt };
}

/** Sent only to the sign-in route, never readable by scripts, never sent cross-site. */
export function deviceCookieOptions(env: Pick<Env, 'BASE_URL' | 'LOGIN_DEVICE_DAYS'>) {
  return {
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: env.BASE_URL.startsWith('https:'),
    path: '/api/auth/login',
    maxAge: env.LOGIN_DEVICE_DAYS * 86_400,
  };
}
