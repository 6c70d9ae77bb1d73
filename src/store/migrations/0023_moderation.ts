import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/** What moderators can hide: set when hidden (with the reason its creators are shown), cleared when unhidden. */
const HIDEABLE = ['works', 'chapters', 'series', 'comments', 'bookmarks'] as const;

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      for (const table of HIDEABLE) {
        await db.schema.alterTable(table).addColumn('hidden_at', 'varchar(30)').execute();
        await db.schema.alterTable(table).addColumn('hidden_reason', 'text').execute();
      }
      // Suspended until a date, or banned (no end); the reason is shown to the account at log-in.
      await db.schema.alterTable('users').addColumn('suspended_until', 'varchar(30)').execute();
      await db.schema.alterTable('users').addColumn('banned_at', 'varchar(30)').execute();
      await db.schema.alterTable('users').addColumn('suspension_reason', 'text').execute();
      // Addresses (salted hashes, as comments keep them) whose comments wait for approval after spam.
      await db.schema
        .createTable('held_addresses')
        .addColumn('address_key', 'varchar(64)', (col) => col.primaryKey())
        .addColumn('held_at', 'varchar(30)', (col) => col.notNull())
        .addColumn('held_by', 'integer', (col) => col.references('users.id').onDelete('set null'))
        .addColumn('reason', 'text', (col) => col.notNull())
        .execute();
    },
  };
}
