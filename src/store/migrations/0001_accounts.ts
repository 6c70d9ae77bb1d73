import { randomBytes } from 'node:crypto';
import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { ORPHAN_LOGIN } from '../../domain/accounts.ts';
import { type AnyDb, withId } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('site_settings')
        .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('users'), dialect)
        .addColumn('login', 'varchar(40)', (c) => c.notNull())
        .addColumn('login_key', 'varchar(40)', (c) => c.notNull().unique())
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('pseuds'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'varchar(40)', (c) => c.notNull())
        .addColumn('name_key', 'varchar(40)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addUniqueConstraint('pseuds_user_name_unique', ['user_id', 'name_key'])
        .execute();
      await db.schema.createIndex('pseuds_name_key').on('pseuds').column('name_key').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
        .addColumn('remember', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      const createdAt = new Date().toISOString();
      await db
        .insertInto('site_settings')
        .values({ key: 'cookie_secret', value: randomBytes(32).toString('base64url') })
        .execute();
      // The orphan account holds works whose creators left; it has no password and cannot log in.
      await db
        .insertInto('users')
        .values({
          login: ORPHAN_LOGIN,
          login_key: ORPHAN_LOGIN,
          email: 'orphan_account@quire.invalid',
          password_hash: null,
          created_at: createdAt,
        })
        .execute();
      const orphan = await db
        .selectFrom('users')
        .select('id')
        .where('login_key', '=', ORPHAN_LOGIN)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('pseuds')
        .values({
          user_id: orphan.id,
          name: ORPHAN_LOGIN,
          name_key: ORPHAN_LOGIN,
          description: 'Works whose creators have left the archive.',
          is_default: 1,
          created_at: createdAt,
        })
        .execute();
    },
  };
}
