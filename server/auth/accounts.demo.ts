/**
 * Demo accounts, one per role, with documented passwords (docs/accounts.md). Demo mode only:
 * a real deployment creates its first administrator with `npm run cli -- users add --role admin`.
 */
import type { AppDeps } from '../deps.ts';
import { createUser } from '../users/users.service.ts';
import { findUserByEmail } from '../users/users.repository.ts';
import type { Grant } from '../../domain/schemas/account.ts';

export const DEMO_ACCOUNTS: { email: string; name: string; password: string; grants: Grant[] }[] = [
  {
    email: 'admin@demo.tietkiem.vn',
    name: 'Quản trị hệ thống (demo)',
    password: 'demo-admin-2026',
    grants: [{ role: 'admin', unitCode: null }],
  },
  {
    email: 'ketoan@demo.tietkiem.vn',
    name: 'Kế toán Văn phòng Sở (demo)',
    password: 'demo-ketoan-2026',
    grants: [{ role: 'officer', unitCode: 'STTTT-VP' }],
  },
  {
    email: 'lanhdao@demo.tietkiem.vn',
    name: 'Lãnh đạo Sở / Đảng ủy (demo)',
    password: 'demo-lanhdao-2026',
    grants: [{ role: 'viewer', unitCode: 'STTTT' }],
  },
];

export const accountsDemoStep = {
  name: 'demo accounts (admin, officer, viewer)',
  async run(deps: AppDeps): Promise<void> {
    const system = { actor: null, actorKind: 'system' as const, ip: null };
    const units = new Set((await deps.db.selectFrom('units').select('code').execute()).map((u) => u.code));
    for (const a of DEMO_ACCOUNTS) {
      if (await findUserByEmail(deps.db, a.email)) continue;
      // A demo tree without the usual codes still gets its accounts, on the whole tree.
      const grants = a.grants.map((g) => (g.unitCode && !units.has(g.unitCode) ? { ...g, unitCode: null } : g));
      await createUser(deps, { ...a, grants }, system);
    }
  },
};
