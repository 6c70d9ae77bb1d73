import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('reader_settings')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('font_size', 'varchar(10)', (c) => c.notNull())
        .addColumn('theme', 'varchar(10)', (c) => c.notNull())
        .addColumn('line_width', 'varchar(10)', (c) => c.notNull())
        .addColumn('skip_adult_notice', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
