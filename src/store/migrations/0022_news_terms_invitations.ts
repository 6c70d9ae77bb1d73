import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Site news: posts by the archive's admins (body is sanitized HTML), their tags and comments.
      await withId(db.schema.createTable('news_posts'), dialect)
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('news_posts_created').on('news_posts').column('created_at').execute();
      await db.schema
        .createTable('news_post_tags')
        .addColumn('post_id', 'integer', (c) => c.notNull().references('news_posts.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('name_key', 'varchar(100)', (c) => c.notNull())
        .addPrimaryKeyConstraint('news_post_tags_pk', ['post_id', 'position'])
        .execute();
      await db.schema.createIndex('news_post_tags_name').on('news_post_tags').column('name_key').execute();
      // One level of replies: a reply's parent is always a top-level comment.
      await withId(db.schema.createTable('news_comments'), dialect)
        .addColumn('post_id', 'integer', (c) => c.notNull().references('news_posts.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('news_comments.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('pseud_id', 'integer', (c) => c.references('pseuds.id').onDelete('set null'))
        .addColumn('guest_name', 'varchar(100)')
        .addColumn('guest_email', 'varchar(254)')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('address_key', 'varchar(64)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('news_comments_post')
        .on('news_comments')
        .columns(['post_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('news_comments_user')
        .on('news_comments')
        .columns(['user_id', 'created_at'])
        .execute();

      // Terms of service and privacy policy, every saved version kept; the archive's own default text is version 0 (no row).
      await withId(db.schema.createTable('site_documents'), dialect)
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('change_note', 'text', (c) => c.notNull())
        .addColumn('requires_acceptance', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('site_documents_version', ['kind', 'version'])
        .execute();
      // Which version of each document a member accepted, and when (kept: a record of consent).
      await db.schema
        .createTable('document_acceptances')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('accepted_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_acceptances_pk', ['user_id', 'kind', 'version'])
        .execute();

      // Invitations to sign up: a single-use code, issued by an admin, a member, or the queue.
      await withId(db.schema.createTable('invitations'), dialect)
        .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('email', 'varchar(254)')
        .addColumn('sent_at', 'varchar(30)')
        .addColumn('used_at', 'varchar(30)')
        .addColumn('used_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('invitations_created_by').on('invitations').column('created_by').execute();
      // The queue: anyone may ask for an invitation with their email address.
      await withId(db.schema.createTable('invitation_requests'), dialect)
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('invitation_id', 'integer', (c) => c.references('invitations.id').onDelete('set null'))
        .addColumn('sent_at', 'varchar(30)')
        .execute();
      await db.schema.createIndex('invitation_requests_sent').on('invitation_requests').column('sent_at').execute();
      // Invitations a member may still give.
      await db.schema
        .createTable('invitation_allowances')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('remaining', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
