import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle, Dialect } from './database.ts';
import * as m0001 from './migrations/0001_accounts.ts';
import * as m0002 from './migrations/0002_works.ts';
import * as m0003 from './migrations/0003_series.ts';
import * as m0004 from './migrations/0004_reader_settings.ts';
import * as m0005 from './migrations/0005_work_people_and_drafts.ts';
import * as m0006 from './migrations/0006_redirect_to_chapter.ts';
import * as m0007 from './migrations/0007_feedback.ts';
import * as m0008 from './migrations/0008_discovery.ts';
import * as m0009 from './migrations/0009_search.ts';
import * as m0010 from './migrations/0010_api_tokens.ts';
import * as m0011 from './migrations/0011_imports.ts';
import * as m0012 from './migrations/0012_mail_and_history.ts';
import * as m0015 from './migrations/0015_pseuds_newest.ts';
import * as m0019 from './migrations/0019_gift_notices.ts';
import * as m0020 from './migrations/0020_rate_limit_counters.ts';
import * as m0021 from './migrations/0021_reports_and_audit.ts';
import * as m0022 from './migrations/0022_news_terms_invitations.ts';
import * as m0023 from './migrations/0023_moderation.ts';
import * as m0024 from './migrations/0024_comment_spam.ts';
import * as m0025 from './migrations/0025_account_recovery.ts';
import * as m0026 from './migrations/0026_sessions_and_renames.ts';
import * as m0027 from './migrations/0027_two_factor.ts';
import * as m0028 from './migrations/0028_data_exports.ts';
import * as m0029 from './migrations/0029_crawler_opt_out.ts';
import * as m0030 from './migrations/0030_spam_holds.ts';
import * as m0032 from './migrations/0032_news_comment_holds.ts';
import * as m0033 from './migrations/0033_reading_position.ts';
import * as m0034 from './migrations/0034_work_stats.ts';
import * as m0035 from './migrations/0035_passage_comments.ts';
import * as m0036 from './migrations/0036_collections.ts';
import * as m0037 from './migrations/0037_gift_exchanges.ts';
import * as m0038 from './migrations/0038_prompt_memes.ts';
import * as m0039 from './migrations/0039_work_change_notify.ts';
import * as m0040 from './migrations/0040_search_in_postgres.ts';
import * as m0041 from './migrations/0041_search_counts_in_postgres.ts';
import * as m0042 from './migrations/0042_work_change_counters.ts';
import * as m0045 from './migrations/0045_fandom_counts_in_postgres.ts';
import * as m0046 from './migrations/0046_notices_name_commenter_apart.ts';
import * as m0047 from './migrations/0047_furthest_chapter_of_saved_places.ts';
import * as m0048 from './migrations/0048_gift_exchange_receivers_index.ts';

/**
 * Every migration, one file each under ./migrations/, named as recorded in the database's migration
 * table (never rename one: existing databases know it by that name). Kysely applies pending
 * migrations in name order (a plain sort of these keys), so the four-digit prefix is the order;
 * keep this list in that order too (checked below). A new migration takes the next free number.
 */
const MIGRATIONS: ReadonlyArray<readonly [name: string, migration: (dialect: Dialect) => Migration]> = [
  ['0001_accounts', m0001.migration],
  ['0002_works', m0002.migration],
  ['0003_series', m0003.migration],
  ['0004_reader_settings', m0004.migration],
  ['0005_work_people_and_drafts', m0005.migration],
  ['0006_redirect_to_chapter', m0006.migration],
  ['0007_feedback', m0007.migration],
  ['0008_discovery', m0008.migration],
  ['0009_search', m0009.migration],
  ['0010_api_tokens', m0010.migration],
  ['0011_imports', m0011.migration],
  ['0012_mail_and_history', m0012.migration],
  ['0015_pseuds_newest', m0015.migration],
  ['0019_gift_notices', m0019.migration],
  ['0020_rate_limit_counters', m0020.migration],
  ['0021_reports_and_audit', m0021.migration],
  ['0022_news_terms_invitations', m0022.migration],
  ['0023_moderation', m0023.migration],
  ['0024_comment_spam', m0024.migration],
  ['0025_account_recovery', m0025.migration],
  ['0026_sessions_and_renames', m0026.migration],
  ['0027_two_factor', m0027.migration],
  ['0028_data_exports', m0028.migration],
  ['0029_crawler_opt_out', m0029.migration],
  ['0030_spam_holds', m0030.migration],
  ['0032_news_comment_holds', m0032.migration],
  ['0033_reading_position', m0033.migration],
  ['0034_work_stats', m0034.migration],
  ['0035_passage_comments', m0035.migration],
  ['0036_collections', m0036.migration],
  ['0037_gift_exchanges', m0037.migration],
  ['0038_prompt_memes', m0038.migration],
  ['0039_work_change_notify', m0039.migration],
  ['0040_search_in_postgres', m0040.migration],
  ['0041_search_counts_in_postgres', m0041.migration],
  ['0042_work_change_counters', m0042.migration],
  ['0045_fandom_counts_in_postgres', m0045.migration],
  ['0046_notices_name_commenter_apart', m0046.migration],
  ['0047_furthest_chapter_of_saved_places', m0047.migration],
  ['0048_gift_exchange_receivers_index', m0048.migration],
];

function migrations(dialect: Dialect): Record<string, Migration> {
  const all: Record<string, Migration> = {};
  let previous = '';
  for (const [name, migration] of MIGRATIONS) {
    // The order Kysely will run them in must be the order listed here: names strictly ascending.
    if (name <= previous) throw new Error(`migration ${name} is listed after ${previous}`);
    all[name] = migration(dialect);
    previous = name;
  }
  return all;
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema up to date. Safe to run from several processes at once (Kysely takes a lock). */
export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: name it, so archives
  // (or test runs) in other schemas of the same database are never mistaken for this one.
  // Features are built on parallel branches, each with its own numbered migration, and they land
  // in any order: a database that already ran 0010 must still accept a 0009 that landed later.
  const migrator = new Migrator({
    db: handle.db,
    provider: new StaticProvider(handle.dialect),
    migrationTableSchema: handle.pgSchema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
