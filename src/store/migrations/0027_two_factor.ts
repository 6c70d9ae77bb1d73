import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Two-factor log-in: each member's authenticator-app secret (encrypted; on once its first code is
 * confirmed), the last step whose code was used (no code is accepted twice), and one-time recovery
 * codes (hashed).
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('two_factor')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('secret', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('confirmed_at', 'varchar(30)')
        .addColumn('last_step', 'integer')
        .execute();
      await withId(db.schema.createTable('two_factor_recovery_codes'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(30)')
        .execute();
      await db.schema
        .createIndex('two_factor_recovery_codes_user')
        .on('two_factor_recovery_codes')
        .columns(['user_id', 'code_hash'])
        .execute();
    },
  };
}
