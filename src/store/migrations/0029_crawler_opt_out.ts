import type { Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * "Ask search engines and AI crawlers not to index this": a writer's choice for one work
 * (works.noindex) or for everything of theirs (users.noindex: their works, user and pen name
 * pages). The sitemap leaves both out; pages and downloads say `noindex, noai, noimageai`.
 * The list of crawlers robots.txt turns away is a site setting (site_settings), not a table.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .alterTable('works')
        .addColumn('noindex', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('users')
        .addColumn('noindex', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
