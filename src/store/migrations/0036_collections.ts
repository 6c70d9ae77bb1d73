import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Collections: where fandoms gather works and bookmarks (fests, exchanges, themed lists).
 * A work in an unrevealed collection is read only by its creators and the collection's
 * maintainers until revealed; in an anonymous one its creators are shown as "Anonymous".
 * `works.unrevealed` and `works.anonymous` keep the result on the work itself, recomputed from
 * its collection items whenever they change, so that every path that lists or reads works asks
 * one column, as it asks `hidden_at`.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('collections'), dialect)
        // The short name is the address (/collections/NAME); name_key is its lower-case form, unique.
        .addColumn('name', 'varchar(60)', (c) => c.notNull())
        .addColumn('name_key', 'varchar(60)', (c) => c.notNull().unique())
        .addColumn('title', 'varchar(255)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rules', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('faq', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('parent_id', 'integer', (c) => c.references('collections.id').onDelete('cascade'))
        // 1: anyone may add works; 0: closed to new works.
        .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
        // 1: works wait for a maintainer's approval.
        .addColumn('moderated', 'integer', (c) => c.notNull().defaultTo(0))
        // 1: new items are unrevealed / anonymous until the maintainers reveal them.
        .addColumn('unrevealed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        // When the works, then the creators, are revealed on their own (null: by hand).
        .addColumn('reveal_works_at', 'varchar(30)')
        .addColumn('reveal_creators_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('collections_parent').on('collections').column('parent_id').execute();

      // Who keeps the collection and who takes part: 'owner', 'moderator' or 'member', under a pen name.
      await db.schema
        .createTable('collection_participants')
        .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('collection_participants_pk', ['collection_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('collection_participants_user')
        .on('collection_participants')
        .column('user_id')
        .execute();

      // A work or a bookmark in a collection. It is in when both sides say yes: the collection
      // (approved by a maintainer, or at once when not moderated) and the creator (who added it,
      // or accepted a maintainer's invitation). Each side: 'approved', 'pending' or 'rejected'.
      await withId(db.schema.createTable('collection_items'), dialect)
        .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
        .addColumn('bookmark_id', 'integer', (c) => c.references('bookmarks.id').onDelete('cascade'))
        .addColumn('collection_approval', 'varchar(10)', (c) => c.notNull())
        .addColumn('creator_approval', 'varchar(10)', (c) => c.notNull())
        .addColumn('unrevealed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('collection_items_work', ['collection_id', 'work_id'])
        .addUniqueConstraint('collection_items_bookmark', ['collection_id', 'bookmark_id'])
        .execute();
      await db.schema.createIndex('collection_items_work_id').on('collection_items').column('work_id').execute();
      await db.schema
        .createIndex('collection_items_bookmark_id')
        .on('collection_items')
        .column('bookmark_id')
        .execute();

      await db.schema
        .alterTable('works')
        .addColumn('unrevealed', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('works')
        .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
