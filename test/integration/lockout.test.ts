/**
 * Sign-in lockout that a stranger cannot turn against a user (issue 18, finding 3; OWASP
 * Authentication cheat sheet and "Slow Down Online Guessing Attacks with Device Cookies"):
 * - failures count per account and client address, and the wait grows with each one;
 * - a guesser at one address does not lock the owner out elsewhere;
 * - when an account is under attack from many addresses, a browser that signed in to it before
 *   (its device cookie) still gets in with the right password;
 * - the per-address limit counts distinct accounts, so colleagues behind one address who mistype
 *   their own passwords do not lock each other out, while a password sprayer is stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../../server/users/users.service.ts';

const SYSTEM = { actor: null, actorKind: 'system' as const, ip: null };
const PASSWORD = 'mật khẩu đủ dài 123';
const USERS = ['lan', 'binh', 'chi', 'dung', 'em', 'giang'].map((n) => `${n}@stttt.gov.vn`);

/** Cookies by name from a response's Set-Cookie headers. */
function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

describe('sign-in lockout', () => {
  let t: TestApp;
  let now: number;
  const tick = (seconds: number) => t.clock.set(new Date((now += seconds * 1000)));
  const login = (email: string, password: string, ip: string, device?: string) =>
    t.request('/api/auth/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(device ? { cookie: `tk_device=${device}` } : {}),
      },
      body: JSON.stringify({ email, password }),
      as: 'anonymous',
    });
  const fail = async (email: string, ip: string, device?: string) =>
    expect((await login(email, 'sai mật khẩu rồi', ip, device)).status).toBe(401);
  /** A guess whose answer does not matter (401, or 429 once the account is locked). */
  const guess = async (email: string, ip: string) => {
    expect([401, 429]).toContain((await login(email, 'đoán bừa', ip)).status);
  };

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    for (const email of USERS)
      await createUser(
        t.deps,
        { email, name: email, password: PASSWORD, grants: [{ role: 'admin', unitCode: null }] },
        SYSTEM,
      );
  });
  afterAll(() => t.close());

  it('makes one account at one address wait, longer after each further failure', async () => {
    now = Date.parse('2026-11-10T00:00:00Z');
    tick(0);
    for (let i = 0; i < 5; i++) await fail(USERS[0], '198.51.100.1');
    const first = await login(USERS[0], PASSWORD, '198.51.100.1');
    expect(first.status).toBe(429);
    expect(await first.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(Number(first.headers.get('retry-after'))).toBe(60);
    tick(61);
    await fail(USERS[0], '198.51.100.1');
    expect(Number((await login(USERS[0], PASSWORD, '198.51.100.1')).headers.get('retry-after'))).toBe(120);
    tick(121);
    await fail(USERS[0], '198.51.100.1');
    expect(Number((await login(USERS[0], PASSWORD, '198.51.100.1')).headers.get('retry-after'))).toBe(240);
    tick(241);
    expect((await login(USERS[0], PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('does not lock the owner out from another address while one address guesses', async () => {
    now = Date.parse('2026-11-11T00:00:00Z');
    tick(0);
    for (let i = 0; i < 8; i++) {
      await login(USERS[1], `đoán ${i}`, '198.51.100.66');
      tick(1);
    }
    expect((await login(USERS[1], PASSWORD, '198.51.100.66')).status).toBe(429);
    expect((await login(USERS[1], PASSWORD, '203.0.113.10')).status).toBe(200);
  });

  it("lets a browser that signed in before through an account's lockout, not a new one", async () => {
    now = Date.parse('2026-11-12T00:00:00Z');
    tick(0);
    const earlier = await login(USERS[2], PASSWORD, '203.0.113.20');
    expect(earlier.status).toBe(200);
    const device = cookiesOf(earlier).tk_device;
    expect(device).toMatch(/^[\w-]{40,}$/);
    expect(earlier.headers.getSetCookie().find((c) => c.startsWith('tk_device='))).toMatch(/HttpOnly/i);
    // Guessing from 25 addresses, a few tries each: more than any one address is allowed in total.
    for (let a = 0; a < 25; a++) await guess(USERS[2], `192.0.2.${a}`);
    const stranger = await login(USERS[2], PASSWORD, '203.0.113.99');
    expect(stranger.status).toBe(429);
    const owner = await login(USERS[2], PASSWORD, '203.0.113.21', device);
    expect(owner.status).toBe(200);
    // The device cookie names one account: it does not open another account's lockout.
    for (let a = 0; a < 25; a++) await guess(USERS[3], `192.0.2.${a}`);
    expect((await login(USERS[3], PASSWORD, '203.0.113.21', device)).status).toBe(429);
  });

  it('limits a known browser by its own failures', async () => {
    now = Date.parse('2026-11-13T00:00:00Z');
    tick(0);
    const device = cookiesOf(await login(USERS[4], PASSWORD, '203.0.113.30')).tk_device;
    for (let i = 0; i < 5; i++) await fail(USERS[4], `203.0.113.${31 + i}`, device);
    const res = await login(USERS[4], PASSWORD, '203.0.113.40', device);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(60);
  });

  it('counts distinct accounts per address: colleagues mistyping do not lock each other out, a sprayer is stopped', async () => {
    now = Date.parse('2026-11-14T00:00:00Z');
    tick(0);
    // Four colleagues behind the office address mistype their own passwords, 5 times each (20 failures).
    for (const email of USERS.slice(0, 4)) for (let i = 0; i < 5; i++) await fail(email, '203.0.113.50');
    expect((await login(USERS[5], PASSWORD, '203.0.113.50')).status).toBe(200);
    // A sprayer tries one password on 20 different accounts from one address.
    for (let i = 0; i < 20; i++) await fail(`nv${i}@stttt.gov.vn`, '198.51.100.200');
    expect((await login(USERS[5], PASSWORD, '198.51.100.200')).status).toBe(429);
  });
});
