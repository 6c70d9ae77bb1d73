import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Set when the member wanted this kind by email; cleared once the digest holding it went out.
      await db.schema.alterTable('notifications').addColumn('mail_due_at', 'varchar(30)').execute();
      await db.schema
        .createIndex('notifications_mail_due')
        .on('notifications')
        .columns(['mail_due_at', 'user_id'])
        .execute();
      // One pending job per key (e.g. one mail digest per member); cleared when the job is done.
      await db.schema.alterTable('jobs').addColumn('unique_key', 'varchar(100)').execute();
      await db.schema.createIndex('jobs_unique_key').on('jobs').column('unique_key').unique().execute();
      // When subscribers were told of the chapter (or it came out with its work): never twice.
      await db.schema.alterTable('chapters').addColumn('announced_at', 'varchar(30)').execute();
      const at = new Date().toISOString();
      await db
        .updateTable('chapters')
        .set({ announced_at: at })
        .where('draft', '=', 0)
        .where('published_at', '<=', at)
        .execute();
    },
  };
}
