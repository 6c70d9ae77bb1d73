import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // One kudos per member per work, and one per guest (by a salted hash of the address, never the address).
      await withId(db.schema.createTable('kudos'), dialect)
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('guest_key', 'varchar(64)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('kudos_user_unique', ['work_id', 'user_id'])
        .addUniqueConstraint('kudos_guest_unique', ['work_id', 'guest_key'])
        .execute();
      await db.schema.createIndex('kudos_user').on('kudos').column('user_id').execute();

      // A hit is one visitor (member id or salted address hash) on one work on one UTC day.
      await db.schema
        .createTable('work_hits')
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('visitor_key', 'varchar(64)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addPrimaryKeyConstraint('work_hits_pk', ['work_id', 'visitor_key', 'day'])
        .execute();
      await db.schema.createIndex('work_hits_day').on('work_hits').column('day').execute();

      // Comments on a chapter (or the whole work when chapter_id is null), threaded by parent_id.
      await withId(db.schema.createTable('comments'), dialect)
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('thread_id', 'integer')
        .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
        .addColumn('guest_name', 'varchar(100)')
        .addColumn('guest_email', 'varchar(254)')
        .addColumn('body', 'text', (c) => c.notNull())
        // 'published', 'held' (awaiting a creator's approval) or 'hidden' (by a creator).
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        // Deleted comments with replies stay as "(deleted comment)" so the thread keeps its shape.
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('frozen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('address_key', 'varchar(64)')
        .addColumn('edited_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comments_work').on('comments').columns(['work_id', 'created_at']).execute();
      await db.schema.createIndex('comments_thread').on('comments').columns(['thread_id', 'created_at']).execute();
      await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();
      await db.schema.createIndex('comments_user').on('comments').column('user_id').execute();

      // Bookmarks of a work or a series, with the bookmarker's notes and own tags.
      await withId(db.schema.createTable('bookmarks'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
        .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('cascade'))
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('private', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rec', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('bookmarks_user_work_unique', ['user_id', 'work_id'])
        .addUniqueConstraint('bookmarks_user_series_unique', ['user_id', 'series_id'])
        .execute();
      await db.schema.createIndex('bookmarks_work').on('bookmarks').column('work_id').execute();
      await db.schema.createIndex('bookmarks_series').on('bookmarks').column('series_id').execute();
      await db.schema
        .createTable('bookmark_tags')
        .addColumn('bookmark_id', 'integer', (c) => c.notNull().references('bookmarks.id').onDelete('cascade'))
        .addColumn('name', 'varchar(150)', (c) => c.notNull())
        .addColumn('name_key', 'varchar(150)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bookmark_tags_pk', ['bookmark_id', 'name_key'])
        .execute();
      await db.schema.createIndex('bookmark_tags_key').on('bookmark_tags').column('name_key').execute();

      // Following a work, a series or a user ('work' | 'series' | 'user' and that id).
      await withId(db.schema.createTable('subscriptions'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('target_kind', 'varchar(10)', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('subscriptions_unique', ['user_id', 'target_kind', 'target_id'])
        .execute();
      await db.schema
        .createIndex('subscriptions_target')
        .on('subscriptions')
        .columns(['target_kind', 'target_id'])
        .execute();

      // The inbox: what happened that a member should hear of.
      await withId(db.schema.createTable('notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // e.g. 'comment', 'reply', 'new-chapter', 'new-work', 'kudos', 'co-creator-invitation', 'gift'.
        .addColumn('kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('cascade'))
        .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        // Plain text shown in the inbox and the email, written when the thing happened.
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('read_at', 'varchar(30)')
        .addColumn('emailed_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notifications_user')
        .on('notifications')
        .columns(['user_id', 'read_at', 'created_at'])
        .execute();
      await db.schema.createIndex('notifications_email').on('notifications').column('emailed_at').execute();
      await db.schema
        .createTable('notification_preferences')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('inbox', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('email', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
        .execute();

      // Reading history and "mark for later"; a member can turn history off (users.keeps_history).
      await db.schema
        .createTable('readings')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('chapter_id', 'integer', (c) => c.references('chapters.id').onDelete('set null'))
        .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('marked_for_later', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_read_at', 'varchar(30)')
        .addPrimaryKeyConstraint('readings_pk', ['user_id', 'work_id'])
        .execute();
      await db.schema.createIndex('readings_user').on('readings').columns(['user_id', 'last_read_at']).execute();
      await db.schema
        .alterTable('users')
        .addColumn('keeps_history', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      // A blocked user cannot comment on the blocker's works, reply to them, or give them gifts.
      await db.schema
        .createTable('blocks')
        .addColumn('blocker_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('blocked_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
        .execute();
      await db.schema.createIndex('blocks_blocked').on('blocks').column('blocked_id').execute();

      // Background work (notification emails, …), claimed by one process at a time.
      await withId(db.schema.createTable('jobs'), dialect)
        .addColumn('kind', 'varchar(40)', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'varchar(30)')
        .addColumn('last_error', 'text')
        .addColumn('done_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'run_at']).execute();
    },
  };
}
