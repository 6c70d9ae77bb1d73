import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // A merged-away work's bare address leads to where its own text now starts. No foreign key:
      // if that chapter goes, the redirect still leads to the work.
      await db.schema.alterTable('work_redirects').addColumn('chapter_id', 'integer').execute();
    },
  };
}
