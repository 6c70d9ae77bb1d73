import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Where a member stopped reading: the paragraph (1-based) of the chapter their reading row names.
 * Null when only the chapter is known (a visit without JavaScript, or another chapter opened since).
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('readings').addColumn('paragraph', 'integer').execute();
    },
  };
}
