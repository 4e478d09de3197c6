/**
 * Login throttling: after LOGIN_MAX_FAILURES_ACCOUNT failures for one email (whether or not
 * the account exists: no enumeration) or LOGIN_MAX_FAILURES_ADDRESS failures from one client
 * address within LOGIN_WINDOW_MINUTES, sign-in answers 429 until old failures age out.
 * Kept in the database so that several app instances share the count.
 */
import type { AppDeps } from '../deps.ts';
import { addLoginFailure, clearLoginFailures, countLoginFailures, pruneLoginFailures } from './sessions.repository.ts';

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

/** Seconds to wait before trying again, or null when sign-in may be attempted now. */
export async function loginRetryAfter(deps: AppDeps, email: string, ip: string): Promise<number | null> {
  const windowMs = deps.env.LOGIN_WINDOW_MINUTES * 60_000;
  const now = deps.clock.now().getTime();
  const since = new Date(now - windowMs).toISOString();
  const checks: [string, number][] = [
    [accountKey(email), deps.env.LOGIN_MAX_FAILURES_ACCOUNT],
    [addressKey(ip), deps.env.LOGIN_MAX_FAILURES_ADDRESS],
  ];
  let wait: number | null = null;
  for (const [key, max] of checks) {
    const { count, last } = await countLoginFailures(deps.db, key, since);
    if (count >= max) {
      const until = (last ? Date.parse(last) : now) + windowMs;
      wait = Math.max(wait ?? 0, Math.ceil((until - now) / 1000), 1);
    }
  }
  return wait;
}

export async function recordLoginFailure(deps: AppDeps, email: string, ip: string): Promise<void> {
  const now = deps.clock.now();
  await addLoginFailure(deps.db, [accountKey(email), addressKey(ip)], now.toISOString());
  await pruneLoginFailures(deps.db, new Date(now.getTime() - 2 * deps.env.LOGIN_WINDOW_MINUTES * 60_000).toISOString());
}

/** A successful sign-in clears the account's count (not the address's: one good account must not unlock guessing others). */
export function clearAccountFailures(deps: AppDeps, email: string): Promise<void> {
  return clearLoginFailures(deps.db, accountKey(email));
}
