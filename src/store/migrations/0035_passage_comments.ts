import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Comments on a passage: a comment may be anchored to a paragraph of its chapter (1-based, null once
 * its passage is gone), keeping the paragraph's text and the sentence quoted so the anchor can follow
 * edits, and so a comment whose passage was deleted still shows what it referred to. Works choose
 * whether they take passage comments (on by default).
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('works')
        .addColumn('passage_comments', 'integer', (col) => col.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('comments').addColumn('paragraph', 'integer').execute();
      await db.schema.alterTable('comments').addColumn('passage_text', 'text').execute();
      await db.schema.alterTable('comments').addColumn('passage_quote', 'text').execute();
      await db.schema
        .createIndex('comments_chapter_paragraph')
        .on('comments')
        .columns(['chapter_id', 'paragraph'])
        .execute();
    },
  };
}
