import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // One queue entry per reported thing: its status and the moderator who took it.
      await withId(db.schema.createTable('report_cases'), dialect)
        .addColumn('target_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        // 'open', 'in-review', 'resolved' or 'dismissed'.
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('report_cases_target_unique', ['target_kind', 'target_id'])
        .execute();
      await db.schema.createIndex('report_cases_status').on('report_cases').columns(['status', 'updated_at']).execute();

      // Each report, with the thing as it was then (a JSON snapshot of plain text, kept whatever becomes of it).
      await withId(db.schema.createTable('reports'), dialect)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('report_cases.id').onDelete('cascade'))
        .addColumn('reason', 'varchar(16)', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('reporter_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('reporter_email', 'varchar(254)')
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('target_path', 'varchar(1000)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_case').on('reports').columns(['case_id', 'created_at']).execute();

      // Moderators' notes on a queue entry, added and never changed. The author's login is kept as written.
      await withId(db.schema.createTable('report_notes'), dialect)
        .addColumn('case_id', 'integer', (c) => c.notNull().references('report_cases.id').onDelete('cascade'))
        .addColumn('author_id', 'integer')
        .addColumn('author_login', 'varchar(100)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('report_notes_case').on('report_notes').columns(['case_id', 'created_at']).execute();

      // Every staff action: who, what, to what, when, why. No foreign keys, so that removing an
      // account or a thing never changes a line of the log.
      await withId(db.schema.createTable('audit_log'), dialect)
        .addColumn('actor_id', 'integer')
        .addColumn('actor_login', 'varchar(100)', (c) => c.notNull())
        .addColumn('action', 'varchar(60)', (c) => c.notNull())
        .addColumn('target_kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('target_id', 'integer')
        .addColumn('target_label', 'varchar(1000)', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();
    },
  };
}
