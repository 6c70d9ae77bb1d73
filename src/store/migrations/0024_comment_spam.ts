import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * The spam score of a comment asks for recent comments by address and by text (src/domain/spam.ts):
 * indexes that keep those questions to the last minutes or day of comments, not all of them.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('comments_address').on('comments').columns(['address_key', 'created_at']).execute();
      await db.schema.createIndex('comments_created').on('comments').column('created_at').execute();
    },
  };
}
