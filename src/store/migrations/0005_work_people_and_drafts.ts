import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
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
  };
}
