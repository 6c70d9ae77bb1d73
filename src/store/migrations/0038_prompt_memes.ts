import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { type AnyDb, withId } from './shared.ts';

/**
 * Prompt memes: a collection whose members post prompts (tagged, optionally anonymous) that others
 * claim and fill with works. A fill is a work linked to a prompt and filed in the collection, so
 * the collection's unrevealed and anonymous settings apply to it as to any of its works.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // A collection is a prompt meme when it has this row (one per collection).
      await db.schema
        .createTable('prompt_memes')
        .addColumn('collection_id', 'integer', (c) => c.primaryKey().references('collections.id').onDelete('cascade'))
        // 1: a prompter may post a prompt as "Anonymous".
        .addColumn('anonymous_allowed', 'integer', (c) => c.notNull().defaultTo(1))
        // Prompts one member may post at most (0: no limit).
        .addColumn('max_prompts', 'integer', (c) => c.notNull().defaultTo(0))
        // 1: members may post prompts (between opens_at and closes_at when set).
        .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('opens_at', 'varchar(30)')
        .addColumn('closes_at', 'varchar(30)')
        // The tag kinds a prompt may have, comma-separated: fandom,relationship,character,freeform.
        .addColumn('tag_kinds', 'varchar(100)', (c) => c.notNull())
        .addColumn('fandom_required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('prompts'), dialect)
        .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('pseud_id', 'integer', (c) => c.notNull().references('pseuds.id').onDelete('cascade'))
        .addColumn('title', 'varchar(255)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prompts_collection').on('prompts').columns(['collection_id', 'id']).execute();
      await db.schema.createIndex('prompts_user').on('prompts').column('user_id').execute();

      await db.schema
        .createTable('prompt_tags')
        .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('prompt_tags_pk', ['prompt_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('prompt_tags_tag').on('prompt_tags').column('tag_id').execute();

      // A member's claim on a prompt; fulfilled_at is set when they post a fill of it.
      await db.schema
        .createTable('prompt_claims')
        .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('fulfilled_at', 'varchar(30)')
        .addPrimaryKeyConstraint('prompt_claims_pk', ['prompt_id', 'user_id'])
        .execute();
      await db.schema.createIndex('prompt_claims_user').on('prompt_claims').column('user_id').execute();

      // A work posted in response to a prompt. Deleting a prompt keeps its fills' works.
      await db.schema
        .createTable('prompt_fills')
        .addColumn('prompt_id', 'integer', (c) => c.notNull().references('prompts.id').onDelete('cascade'))
        .addColumn('work_id', 'integer', (c) => c.notNull().references('works.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('prompt_fills_pk', ['prompt_id', 'work_id'])
        .execute();
      await db.schema.createIndex('prompt_fills_work').on('prompt_fills').column('work_id').execute();
    },
  };
}
