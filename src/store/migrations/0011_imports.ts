import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
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
  };
}
