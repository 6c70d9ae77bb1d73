import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * News comments the spam check holds wait for an admin: 'published' or 'held', with why it was held
 * (src/domain/spam.ts), as work comments already do.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('news_comments')
        .addColumn('status', 'varchar(20)', (col) => col.notNull().defaultTo('published'))
        .execute();
      await db.schema.alterTable('news_comments').addColumn('held_reason', 'text').execute();
    },
  };
}
