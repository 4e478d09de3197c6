/**
 * Accounts hardening (issue 18): an API token's scope ('read', or 'write' = read and write within
 * its owner's grants; tokens made before this migration keep 'write', what they could do); the
 * browsers that signed in successfully before (device cookies, stored as sha256), which the
 * sign-in lockout lets through; and the account a failed sign-in named, so that the limit per
 * client address counts distinct accounts. Frozen.
 */
import type { Kysely } from 'kysely';
import { refColumn } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('write'))
    .execute();

  await db.schema
    .createTable('login_devices')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', refColumn(db), (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_devices_user_idx').on('login_devices').column('user_id').execute();

  await db.schema.alterTable('login_failures').addColumn('account', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_failures').dropColumn('account').execute();
  await db.schema.dropTable('login_devices').execute();
  await db.schema.alterTable('api_tokens').dropColumn('scope').execute();
}
