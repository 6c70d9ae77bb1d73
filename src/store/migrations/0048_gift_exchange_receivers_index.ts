import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * A sign-up is found as a receiver when it is withdrawn or deleted (its assignments go with it, by
 * the foreign key's cascade) and when a maintainer gives it a pinch hitter. Without an index each of
 * those scanned every assignment of every exchange.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('gift_exchange_assignments_receiver')
        .on('gift_exchange_assignments')
        .column('receiver_signup_id')
        .execute();
    },
  };
}
