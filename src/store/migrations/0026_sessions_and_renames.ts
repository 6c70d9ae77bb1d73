import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Sessions a member can see and end: the user agent a session was last used from and when it was
 * last seen (coarsely: see domain/devices.ts). Sessions from before stay without them ("Unknown
 * device"). Never the address. And the usernames members gave up, for the redirects from their old
 * addresses, the once-a-week limit, holding a name for a while and the admin's account page.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sessions').addColumn('user_agent', 'varchar(500)').execute();
      await db.schema.alterTable('sessions').addColumn('last_seen_at', 'varchar(30)').execute();

      await withId(db.schema.createTable('user_renames'), dialect)
        .addColumn('old_login', 'varchar(40)', (c) => c.notNull())
        .addColumn('old_login_key', 'varchar(40)', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('changed_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('user_renames_old_login')
        .on('user_renames')
        .columns(['old_login_key', 'changed_at'])
        .execute();
      await db.schema.createIndex('user_renames_user').on('user_renames').columns(['user_id', 'changed_at']).execute();
    },
  };
}
