import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Gift exchanges: a collection with a challenge. Its moderators define the sign-up form (`rules`,
 * JSON checked by src/domain/gift-exchange/sign-up-rules.ts) and the matching settings
 * (`match_settings`); members sign up with requests and offers between two dates; matching runs
 * as a background job that reports its progress on the exchange row; assignments are drafts until
 * the moderators send them.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('gift_exchanges')
        .addColumn('collection_id', 'integer', (c) => c.primaryKey().references('collections.id').onDelete('cascade'))
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('match_settings', 'text', (c) => c.notNull())
        .addColumn('signups_open_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('signups_close_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('assignments_due_at', 'varchar(30)')
        // 'idle', 'queued', 'running', 'done' or 'failed'; progress in thousandths while running.
        .addColumn('matching_status', 'varchar(10)', (c) => c.notNull().defaultTo('idle'))
        .addColumn('matching_progress', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('matching_message', 'text', (c) => c.notNull().defaultTo(''))
        // Bumped by each "Generate": a job finding a newer run stops and saves nothing.
        .addColumn('matching_run', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('generated_at', 'varchar(30)')
        .addColumn('sent_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      // A member's sign-up (or a pinch hitter's, who offers only), under one of their pen names.
      await withId(db.schema.createTable('gift_exchange_signups'), dialect)
        .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('pinch_hitter', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('gift_exchange_signups_member', ['collection_id', 'user_id'])
        .execute();

      // One request or offer of a sign-up; `any_kinds` lists the tag kinds it accepts any tag of.
      await withId(db.schema.createTable('gift_exchange_prompts'), dialect)
        .addColumn('signup_id', 'integer', (c) =>
          c.notNull().references('gift_exchange_signups.id').onDelete('cascade'),
        )
        .addColumn('side', 'varchar(10)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('url', 'varchar(2000)', (c) => c.notNull().defaultTo(''))
        .addColumn('any_kinds', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createIndex('gift_exchange_prompts_signup')
        .on('gift_exchange_prompts')
        .column('signup_id')
        .execute();

      await db.schema
        .createTable('gift_exchange_prompt_tags')
        .addColumn('prompt_id', 'integer', (c) =>
          c.notNull().references('gift_exchange_prompts.id').onDelete('cascade'),
        )
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('gift_exchange_prompt_tags_pk', ['prompt_id', 'tag_id'])
        .execute();

      // Who writes for whom. Drafts (sent_at null) until the moderators send them; a defaulted
      // assignment stays on record beside the pinch hitter's that replaces it.
      await withId(db.schema.createTable('gift_exchange_assignments'), dialect)
        .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
        .addColumn('giver_signup_id', 'integer', (c) =>
          c.notNull().references('gift_exchange_signups.id').onDelete('cascade'),
        )
        .addColumn('receiver_signup_id', 'integer', (c) =>
          c.notNull().references('gift_exchange_signups.id').onDelete('cascade'),
        )
        .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('pinch_hit', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sent_at', 'varchar(30)')
        .addColumn('defaulted_at', 'varchar(30)')
        .addColumn('work_id', 'integer', (c) => c.references('works.id').onDelete('set null'))
        .addColumn('fulfilled_at', 'varchar(30)')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('gift_exchange_assignments_collection')
        .on('gift_exchange_assignments')
        .column('collection_id')
        .execute();
      await db.schema
        .createIndex('gift_exchange_assignments_giver')
        .on('gift_exchange_assignments')
        .column('giver_signup_id')
        .execute();
      await db.schema
        .createIndex('gift_exchange_assignments_work')
        .on('gift_exchange_assignments')
        .column('work_id')
        .execute();

      // A notice may lead somewhere other than a work (an exchange's assignment page).
      await db.schema.alterTable('notifications').addColumn('link', 'varchar(500)').execute();
    },
  };
}
