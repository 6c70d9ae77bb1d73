import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * "Download my data": one row per export a member asked for, with the built zip kept in the row
 * itself (every app server can send it; nothing lives on one machine's disk) until it expires and
 * the periodic job drops the file. At most one export per member is being built at a time.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('data_exports'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('state', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('ready_at', 'varchar(30)')
        .addColumn('expires_at', 'varchar(30)')
        .addColumn('file', dialect === 'postgres' ? 'bytea' : 'blob')
        .addColumn('file_size', 'integer')
        .execute();
      await db.schema.createIndex('data_exports_user').on('data_exports').columns(['user_id', 'created_at']).execute();
      await db.schema.createIndex('data_exports_expiry').on('data_exports').columns(['state', 'expires_at']).execute();
      // The second "build my data" while one is under way fails here, whichever server takes it.
      await db.schema
        .createIndex('data_exports_one_pending')
        .on('data_exports')
        .column('user_id')
        .unique()
        .where(sql.ref('state'), '=', 'pending')
        .execute();
    },
  };
}
