import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // The home page's newest pen names, without sorting every pseud.
      await db.schema.createIndex('pseuds_created').on('pseuds').columns(['created_at', 'id']).execute();
    },
  };
}
