import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Entries of the work change log that changed only a work's counters (hits): the works index
 * applies them (sorting by hits), but pages kept for guests stay (a hit count may lag a few
 * minutes, as on AO3). Adding a column with a constant default rewrites nothing on either database.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('work_changes')
        .addColumn('counters_only', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
