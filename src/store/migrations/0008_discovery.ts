import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Tag wrangling: a canonical tag is the one filters and tag pages use; a synonym points at
      // its canonical tag (merger_id), so works tagged "Draco" are filed under "Draco Malfoy".
      await db.schema
        .alterTable('tags')
        .addColumn('canonical', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('tags')
        .addColumn('merger_id', 'integer', (c) => c.references('tags.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('tags_merger').on('tags').column('merger_id').execute();
      // Parent → child: a meta tag over its subtags (same kind), or a fandom over its
      // characters and relationships. A filter on a parent of the same kind includes the child.
      await db.schema
        .createTable('tag_parents')
        .addColumn('parent_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('child_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('tag_parents_pk', ['parent_id', 'child_id'])
        .execute();
      await db.schema.createIndex('tag_parents_child').on('tag_parents').column('child_id').execute();

      // Roles beyond a plain member (granted with `bin/quire user grant LOGIN wrangler`).
      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('granted_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();

      // Muting: a reader's muted tags (target_kind 'tag') and users ('user') vanish from their lists.
      await db.schema
        .createTable('mutes')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('target_kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('mutes_pk', ['user_id', 'target_kind', 'target_id'])
        .execute();

      // Saved searches: the query string of a /works search; feed_token makes its Atom feed
      // readable by a feed reader without a session.
      await withId(db.schema.createTable('saved_searches'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('feed_token', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('saved_searches_user').on('saved_searches').column('user_id').execute();

      // Change log the search index follows: every write that changes what a work looks like to
      // filters or sorts (tags, re-filed tags, text, counters, visibility, deletion) appends the
      // work's id, so every process's in-memory index can catch up by reading rows past its last id.
      await withId(db.schema.createTable('work_changes'), dialect)
        .addColumn('work_id', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'varchar(30)', (c) => c.notNull())
        .execute();
    },
  };
}
