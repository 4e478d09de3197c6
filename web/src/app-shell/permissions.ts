/**
 * What the signed-in person may do, for the page: loaded once from /api/auth/me (before any view
 * renders: the shell waits for it), then asked synchronously by views so that nobody sees a
 * control they cannot use (a read-only leader sees no "Nhập số liệu", "Sửa", "Lưu"; officers no
 * audit link). The server still decides every request; this only hides what it would refuse.
 */
import { auth, type Me } from '../views/login/auth-client.ts';

let pending: Promise<Me | null> | null = null;
let current: Me | null = null;

/** Who is signed in (cached; null when nobody is or the server cannot say). */
export function loadMe(): Promise<Me | null> {
  pending ??= auth.me().then(
    (m) => (current = m),
    () => null,
  );
  return pending;
}

/** The identity loadMe() found, or null before it answered. */
export function currentMe(): Me | null {
  return current;
}

export function isAdmin(): boolean {
  return current?.isAdmin === true;
}

/** May change figures, norms and explanations of this unit (officer of its subtree or admin). */
export function canWrite(unitCode: string): boolean {
  if (!current) return false;
  return current.writableUnits === null || current.writableUnits.includes(unitCode);
}

/** May change anything at all (not a read-only account). */
export function canWriteAny(): boolean {
  if (!current) return false;
  return current.writableUnits === null || current.writableUnits.length > 0;
}

/** What a view needs of the person (registry `access`). */
export type Access = 'read' | 'write' | 'admin';

export function allowed(access: Access | undefined): boolean {
  if (!access || access === 'read') return true;
  return access === 'admin' ? isAdmin() : canWriteAny();
}
