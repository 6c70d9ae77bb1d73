import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Why a comment waits for approval when the archive held it (the spam check's reasons, or the
 * address held after spam), shown to those who approve it; reports the archive files itself; and
 * the names tags had before an admin renamed them, so that old tag addresses lead to the tag.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('comments').addColumn('held_reason', 'text').execute();
      // Reports the archive files itself (a new account's work held by the spam check): no reporter.
      await db.schema
        .alterTable('reports')
        .addColumn('by_archive', 'integer', (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('tag_renames')
        .addColumn('kind', 'varchar(20)', (col) => col.notNull())
        .addColumn('name_key', 'varchar(150)', (col) => col.notNull())
        .addColumn('tag_id', 'integer', (col) => col.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('renamed_at', 'varchar(30)', (col) => col.notNull())
        .addPrimaryKeyConstraint('tag_renames_pk', ['kind', 'name_key'])
        .execute();
    },
  };
}
