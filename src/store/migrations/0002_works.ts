import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('works'), dialect)
        .addColumn('title', 'varchar(255)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('disclaimer', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('rating', 'varchar(40)', (c) => c.notNull())
        .addColumn('language', 'varchar(10)', (c) => c.notNull().defaultTo('en'))
        .addColumn('visibility', 'varchar(12)', (c) => c.notNull())
        .addColumn('comment_policy', 'varchar(12)', (c) => c.notNull().defaultTo('everyone'))
        .addColumn('moderated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expected_chapters', 'integer')
        .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
        // When readers first may see it (null while a draft); a future time means scheduled.
        .addColumn('published_at', 'varchar(30)')
        // When a chapter was last posted: the "Updated" date readers sort by.
        .addColumn('revised_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('chapter_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kudos_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('bookmark_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('works_published').on('works').columns(['visibility', 'published_at']).execute();
      await db.schema.createIndex('works_revised').on('works').column('revised_at').execute();

      await db.schema
        .createTable('creatorships')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(1))
        .addPrimaryKeyConstraint('creatorships_pk', ['work_id', 'pseud_id'])
        .execute();
      await db.schema.createIndex('creatorships_pseud').on('creatorships').column('pseud_id').execute();

      await withId(db.schema.createTable('chapters'), dialect)
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('end_notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('draft', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('published_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chapters_work').on('chapters').columns(['work_id', 'position']).execute();

      await withId(db.schema.createTable('tags'), dialect)
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('name', 'varchar(150)', (c) => c.notNull())
        .addColumn('name_key', 'varchar(150)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('tags_kind_name_unique', ['kind', 'name_key'])
        .execute();
      await db.schema.createIndex('tags_name_key').on('tags').column('name_key').execute();

      await db.schema
        .createTable('taggings')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('taggings_pk', ['work_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('taggings_tag').on('taggings').columns(['tag_id', 'work_id']).execute();
    },
  };
}
