import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Rate-limit counters every server process shares: one row per counted key and window.
      // Times are milliseconds since 1970 (compared as numbers on every request).
      await db.schema
        .createTable('rate_limit_counters')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rate_limit_counters_expires')
        .on('rate_limit_counters')
        .column('expires_at')
        .execute();
    },
  };
}
