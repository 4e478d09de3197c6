/**
 * Sign-in lockout that a stranger cannot turn against a user (OWASP Authentication cheat sheet;
 * "Slow Down Online Guessing Attacks with Device Cookies"). Failures are kept in the database so
 * that several app instances share them, and count for LOGIN_WINDOW_MINUTES. Three limits apply to
 * a browser the account does not know:
 *  - account + address: after LOGIN_MAX_FAILURES_ACCOUNT failures that client waits
 *    LOGIN_BACKOFF_SECONDS, doubled with each further failure (at most LOGIN_BACKOFF_MAX_MINUTES);
 *    a guesser at one address does not lock the owner out anywhere else;
 *  - account, all unknown browsers together: LOGIN_MAX_FAILURES_ACCOUNT_TOTAL (guessing from many
 *    addresses), with the same growing wait;
 *  - address: LOGIN_MAX_FAILURES_ADDRESS distinct accounts (password spraying); colleagues behind
 *    one address who mistype their own passwords do not add up.
 * A browser that signed in to this account before (its device cookie, ./devices.ts) is held only
 * to its own failures (the first limit, counted per device), so the owner still gets in with the
 * right password while the account is attacked. Unknown emails are counted like real ones (no
 * enumeration). Every check happens before the password is verified.
 */
import type { AppDeps } from '../deps.ts';
import {
  addLoginFailure,
  clearLoginFailures,
  countLoginFailureAccounts,
  countLoginFailures,
  pruneLoginFailures,
} from './sessions.repository.ts';

export interface LoginAttempt {
  /** Lower-cased. */
  email: string;
  ip: string;
  /** sha256 of the device cookie when it is a known browser of this account, else null. */
  knownDevice: string | null;
}

const pairKey = (a: LoginAttempt) => `pair:${a.email}|${a.ip}`;
const accountKey = (a: LoginAttempt) => `account:${a.email}`;
const addressKey = (a: LoginAttempt) => `address:${a.ip}`;
const deviceKey = (hash: string) => `device:${hash}`;

/**
 * Seconds to wait after `count` failures with `max` allowed, the last at `last`: 0 below the
 * limit, then LOGIN_BACKOFF_SECONDS × 2^(count − max), capped, counted from the last failure.
 */
export function backoffSeconds(
  env: Pick<AppDeps['env'], 'LOGIN_BACKOFF_SECONDS' | 'LOGIN_BACKOFF_MAX_MINUTES'>,
  count: number,
  max: number,
  last: string | null,
  nowMs: number,
): number {
  if (count < max || !last) return 0;
  const wait = Math.min(env.LOGIN_BACKOFF_SECONDS * 2 ** Math.min(count - max, 30), env.LOGIN_BACKOFF_MAX_MINUTES * 60);
  return Math.max(0, Math.ceil((Date.parse(last) + wait * 1000 - nowMs) / 1000));
}

/** Seconds to wait before trying again, or null when sign-in may be attempted now. */
export async function loginRetryAfter(deps: AppDeps, a: LoginAttempt): Promise<number | null> {
  const { env } = deps;
  const now = deps.clock.now().getTime();
  const since = new Date(now - env.LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const waits: number[] = [];
  const limit = async (key: string, max: number, distinct = false) => {
    const { count, last } = await (distinct ? countLoginFailureAccounts : countLoginFailures)(deps.db, key, since);
    waits.push(backoffSeconds(env, count, max, last, now));
  };
  if (a.knownDevice) await limit(deviceKey(a.knownDevice), env.LOGIN_MAX_FAILURES_ACCOUNT);
  else {
    await limit(pairKey(a), env.LOGIN_MAX_FAILURES_ACCOUNT);
    await limit(accountKey(a), env.LOGIN_MAX_FAILURES_ACCOUNT_TOTAL);
    await limit(addressKey(a), env.LOGIN_MAX_FAILURES_ADDRESS, true);
  }
  const wait = Math.max(...waits);
  return wait > 0 ? wait : null;
}

export async function recordLoginFailure(deps: AppDeps, a: LoginAttempt): Promise<void> {
  const now = deps.clock.now();
  const keys = a.knownDevice ? [deviceKey(a.knownDevice)] : [pairKey(a), accountKey(a), addressKey(a)];
  await addLoginFailure(deps.db, keys, now.toISOString(), a.email);
  await pruneLoginFailures(deps.db, new Date(now.getTime() - deps.env.LOGIN_WINDOW_MINUTES * 60_000).toISOString());
}

/**
 * A successful sign-in clears what that account's failures hold against it from this client and
 * in total; not the address's count (one good password must not let a sprayer go on).
 */
export async function clearAfterSuccess(deps: AppDeps, a: LoginAttempt): Promise<void> {
  for (const key of [pairKey(a), accountKey(a), ...(a.knownDevice ? [deviceKey(a.knownDevice)] : [])])
    await clearLoginFailures(deps.db, key);
}
