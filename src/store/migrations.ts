import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type CreateTableBuilder } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { DatabaseHandle, Dialect } from './database.ts';
import { ORPHAN_LOGIN } from '../domain/accounts.ts';
import { refreshSearchText } from './search-text.ts';

/* Migrations see the database as it was when they were written, so they use an untyped handle. */
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_accounts': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('site_settings')
          .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();

        await withId(db.schema.createTable('users'), dialect)
          .addColumn('login', 'varchar(40)', (c) => c.notNull())
          .addColumn('login_key', 'varchar(40)', (c) => c.notNull().unique())
          .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text')
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .execute();

        await withId(db.schema.createTable('pseuds'), dialect)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('name', 'varchar(40)', (c) => c.notNull())
          .addColumn('name_key', 'varchar(40)', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addUniqueConstraint('pseuds_user_name_unique', ['user_id', 'name_key'])
          .execute();
        await db.schema.createIndex('pseuds_name_key').on('pseuds').column('name_key').execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('remember', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
        await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

        const createdAt = new Date().toISOString();
        await db
          .insertInto('site_settings')
          .values({ key: 'cookie_secret', value: randomBytes(32).toString('base64url') })
          .execute();
        // The orphan account holds works whose creators left; it has no password and cannot log in.
        await db
          .insertInto('users')
          .values({
            login: ORPHAN_LOGIN,
            login_key: ORPHAN_LOGIN,
            email: 'orphan_account@quire.invalid',
            password_hash: null,
            created_at: createdAt,
          })
          .execute();
        const orphan = await db
          .selectFrom('users')
          .select('id')
          .where('login_key', '=', ORPHAN_LOGIN)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('pseuds')
          .values({
            user_id: orphan.id,
            name: ORPHAN_LOGIN,
            name_key: ORPHAN_LOGIN,
            description: 'Works whose creators have left the archive.',
            is_default: 1,
            created_at: createdAt,
          })
          .execute();
      },
    },
    '0002_works': {
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
    },
    '0003_series': {
      async up(db: AnyDb) {
        await withId(db.schema.createTable('series'), dialect)
          .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
          .addColumn('title', 'varchar(255)', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('series_works')
          .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id').onDelete('cascade'))
          .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('series_works_pk', ['series_id', 'work_id'])
          .execute();
        await db.schema.createIndex('series_works_work').on('series_works').column('work_id').execute();
      },
    },
    '0004_reader_settings': {
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
    },
    '0005_work_people_and_drafts': {
      async up(db: AnyDb) {
        // A pen name may keep a disclaimer that its new works start with.
        await db.schema
          .alterTable('pseuds')
          .addColumn('default_disclaimer', 'text', (c) => c.notNull().defaultTo(''))
          .execute();

        // Gift recipients and beta readers: a pseud here, or just a name typed by the creator.
        await withId(db.schema.createTable('work_credits'), dialect)
          .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
          .addColumn('role', 'varchar(10)', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
          .addColumn('name', 'varchar(150)', (c) => c.notNull())
          // A recipient may refuse a gift; the work then no longer names them.
          .addColumn('refused', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createIndex('work_credits_work')
          .on('work_credits')
          .columns(['work_id', 'role', 'position'])
          .execute();
        await db.schema.createIndex('work_credits_pseud').on('work_credits').column('pseud_id').execute();

        // "Sequel to", "inspired by", "translation of": another work here, or a page elsewhere.
        await withId(db.schema.createTable('related_works'), dialect)
          .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
          .addColumn('relation', 'varchar(20)', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('target_work_id', 'integer', (c) => c.references('works.id').onDelete('cascade'))
          .addColumn('url', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
          .addColumn('title', 'varchar(255)', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema.createIndex('related_works_work').on('related_works').column('work_id').execute();
        await db.schema.createIndex('related_works_target').on('related_works').column('target_work_id').execute();

        // Works merged into another keep answering at their old address with a 301.
        await db.schema
          .createTable('work_redirects')
          .addColumn('old_work_id', 'integer', (c) => c.primaryKey())
          .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('work_redirects_work').on('work_redirects').column('work_id').execute();

        // The editor's autosaved form, one per user and form page (its path is the key).
        await db.schema
          .createTable('autosaves')
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('form_key', 'varchar(200)', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('saved_at', 'varchar(30)', (c) => c.notNull())
          .addPrimaryKeyConstraint('autosaves_pk', ['user_id', 'form_key'])
          .execute();

        // A form sent after the session expired, kept (under a hashed cookie token) until the writer logs in again.
        await db.schema
          .createTable('pending_forms')
          .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
          .addColumn('form_key', 'varchar(200)', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('pending_forms_expires').on('pending_forms').column('expires_at').execute();
      },
    },
    '0006_redirect_to_chapter': {
      async up(db: AnyDb) {
        // A merged-away work's bare address leads to where its own text now starts. No foreign key:
        // if that chapter goes, the redirect still leads to the work.
        await db.schema.alterTable('work_redirects').addColumn('chapter_id', 'integer').execute();
      },
    },
    '0007_feedback': {
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
    },
    '0008_discovery': {
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
    },
    '0010_api_tokens': {
      async up(db: AnyDb) {
        // Personal API tokens: only a hash of the token is kept (like sessions), shown once at creation.
        await withId(db.schema.createTable('api_tokens'), dialect)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('name', 'varchar(100)', (c) => c.notNull())
          .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('last_used_at', 'varchar(30)')
          .execute();
        await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
      },
    },
    '0012_mail_and_history': {
      async up(db: AnyDb) {
        // Set when the member wanted this kind by email; cleared once the digest holding it went out.
        await db.schema.alterTable('notifications').addColumn('mail_due_at', 'varchar(30)').execute();
        await db.schema
          .createIndex('notifications_mail_due')
          .on('notifications')
          .columns(['mail_due_at', 'user_id'])
          .execute();
        // One pending job per key (e.g. one mail digest per member); cleared when the job is done.
        await db.schema.alterTable('jobs').addColumn('unique_key', 'varchar(100)').execute();
        await db.schema.createIndex('jobs_unique_key').on('jobs').column('unique_key').unique().execute();
        // When subscribers were told of the chapter (or it came out with its work): never twice.
        await db.schema.alterTable('chapters').addColumn('announced_at', 'varchar(30)').execute();
        const at = new Date().toISOString();
        await db
          .updateTable('chapters')
          .set({ announced_at: at })
          .where('draft', '=', 0)
          .where('published_at', '<=', at)
          .execute();
      },
    },
    '0011_imports': {
      async up(db: AnyDb) {
        // A writer's import between upload and posting: the preview with every correction and the
        // choices made so far (JSON), private to its writer and gone after a week without changes.
        await withId(db.schema.createTable('imports'), dialect)
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('title', 'varchar(255)', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
          .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('imports_user').on('imports').column('user_id').execute();
        await db.schema.createIndex('imports_expires').on('imports').column('expires_at').execute();
      },
    },
    '0009_search': {
      async up(db: AnyDb) {
        // Full-text search over each work's title, summary, notes, tags, creators and series titles
        // (rebuilt by refreshSearchText in the writes that change them), and over chapter text
        // (kept by triggers). Tokens are words in any script, case folded, accents kept, the same
        // on both engines, so a query finds the same works on either.
        if (dialect === 'sqlite') {
          await sql`create virtual table work_search using fts5(title, summary, notes, tags, creators, series, tokenize = 'unicode61 remove_diacritics 0')`.execute(
            db,
          );
          await sql`create trigger works_search_delete after delete on works begin delete from work_search where rowid = old.id; end`.execute(
            db,
          );
          await sql`create virtual table chapter_search using fts5(body, content = 'chapters', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0')`.execute(
            db,
          );
          await sql`create trigger chapters_search_insert after insert on chapters begin insert into chapter_search (rowid, body) values (new.id, new.body); end`.execute(
            db,
          );
          await sql`create trigger chapters_search_delete after delete on chapters begin insert into chapter_search (chapter_search, rowid, body) values ('delete', old.id, old.body); end`.execute(
            db,
          );
          await sql`create trigger chapters_search_update after update of body on chapters begin insert into chapter_search (chapter_search, rowid, body) values ('delete', old.id, old.body); insert into chapter_search (rowid, body) values (new.id, new.body); end`.execute(
            db,
          );
          await sql`insert into chapter_search (chapter_search) values ('rebuild')`.execute(db);
        } else {
          await sql`create table work_search (work_id integer primary key references works (id) on delete cascade, document tsvector not null)`.execute(
            db,
          );
          await sql`create index work_search_document on work_search using gin (document)`.execute(db);
          await sql`create table chapter_search (chapter_id integer primary key references chapters (id) on delete cascade, work_id integer not null, document tsvector not null)`.execute(
            db,
          );
          await sql`create index chapter_search_document on chapter_search using gin (document)`.execute(db);
          await sql`create function chapter_search_sync() returns trigger language plpgsql as $$
            begin
              insert into chapter_search (chapter_id, work_id, document) values (new.id, new.work_id, to_tsvector('simple', new.body))
              on conflict (chapter_id) do update set work_id = excluded.work_id, document = excluded.document;
              return null;
            end $$`.execute(db);
          await sql`create trigger chapters_search_sync after insert or update of body, work_id on chapters for each row execute function chapter_search_sync()`.execute(
            db,
          );
          await sql`insert into chapter_search (chapter_id, work_id, document) select id, work_id, to_tsvector('simple', body) from chapters`.execute(
            db,
          );
        }
        let after = 0;
        for (;;) {
          const rows = await db
            .selectFrom('works')
            .select('id')
            .where('id', '>', after)
            .orderBy('id')
            .limit(500)
            .execute();
          if (rows.length === 0) break;
          await refreshSearchText(
            db,
            rows.map((r: { id: number }) => r.id),
          );
          after = rows[rows.length - 1].id;
        }
      },
    },
    '0015_pseuds_newest': {
      async up(db: AnyDb) {
        // The home page's newest pen names, without sorting every pseud.
        await db.schema.createIndex('pseuds_created').on('pseuds').columns(['created_at', 'id']).execute();
      },
    },
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema up to date. Safe to run from several processes at once (Kysely takes a lock). */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: name it, so archives
  // (or test runs) in other schemas of the same database are never mistaken for this one.
  // Features are built on parallel branches, each with its own numbered migration, and they land
  // in any order: a database that already ran 0010 must still accept a 0009 that landed later.
  const migrator = new Migrator({
    db: handle.db,
    provider: new StaticProvider(handle.dialect),
    migrationTableSchema: handle.pgSchema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
