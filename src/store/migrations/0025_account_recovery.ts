import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Password reset and email confirmation: single-use links mailed to members (only a hash of each
 * link's token is kept), when each account's address was confirmed, and a changed address that
 * waits for its confirmation. Accounts that exist already count as confirmed.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('users').addColumn('email_confirmed_at', 'varchar(30)').execute();
      await db.schema.alterTable('users').addColumn('pending_email', 'varchar(254)').execute();
      await db
        .updateTable('users')
        .set({ email_confirmed_at: sql`created_at` })
        .execute();
      await withId(db.schema.createTable('account_tokens'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // 'password-reset' or 'email-confirm'.
        .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        // The address an email-confirm link confirms.
        .addColumn('email', 'varchar(254)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute();
    },
  };
}
