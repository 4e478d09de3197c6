/** Accounts: users, role grants on unit subtrees, API tokens, the signed-in identity. */
import { z } from 'zod';
import { CodeSchema } from './common.ts';

export const RoleSchema = z.enum(['admin', 'officer', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

/** A role on a unit subtree; unitCode null = the whole tree. */
export const GrantSchema = z.object({ role: RoleSchema, unitCode: CodeSchema.nullable() });
export type Grant = z.infer<typeof GrantSchema>;

export const EmailSchema = z.string().trim().toLowerCase().email('email không hợp lệ').max(254);
/** At least 10 characters (long passphrases beat composition rules). */
export const PasswordSchema = z.string().min(10, 'mật khẩu phải có ít nhất 10 ký tự').max(256);

export const UserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  hasPassword: z.boolean(),
  grants: z.array(GrantSchema),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const NewUserSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  password: PasswordSchema.optional(),
  grants: z.array(GrantSchema).min(1),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export const UserPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  active: z.boolean().optional(),
  password: PasswordSchema.optional(),
  grants: z.array(GrantSchema).min(1).optional(),
});
export type UserPatch = z.infer<typeof UserPatchSchema>;

export const LoginSchema = z.object({ email: z.string().trim().max(254), password: z.string().max(256) });

/** What /api/auth/me answers: who is signed in and what they may do. */
/** What an API token may do: 'read', or 'write' (read and write, within its owner's grants). */
export const TokenScopeSchema = z
  .enum(['read', 'write'])
  .describe("'read': GET only; 'write': read and write, within the owner's grants");
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const MeSchema = z.object({
  email: z.string(),
  name: z.string(),
  via: z.enum(['session', 'token']),
  grants: z.array(GrantSchema),
  isAdmin: z.boolean(),
  /** Units the caller may read / write (codes); null = all. */
  readableUnits: z.array(z.string()).nullable(),
  writableUnits: z.array(z.string()).nullable(),
  /** Absolute session expiry (ISO), null for tokens. */
  expiresAt: z.string().nullable(),
  /** The scope of the token making this call; null for a session. */
  tokenScope: TokenScopeSchema.nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const ApiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  scope: TokenScopeSchema,
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
