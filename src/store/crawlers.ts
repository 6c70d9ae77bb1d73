import { sql } from 'kysely';
import { now, type Db } from './database.ts';
import { optedOutCreator, visibleTo } from './works.ts';
import { noteWorksChanged } from './work-changes.ts';
import { loginKey, ORPHAN_LOGIN } from '../domain/accounts.ts';

/** One address of the sitemap: a work or a member, with when it last changed. */
export interface SitemapRow {
  id: number;
  /** The member's login (user rows); undefined for works. */
  login?: string;
  lastmod: string;
}

/**
 * Crawler choices: the "do not index" flags on works and accounts, and the sitemap's pages. The
 * sitemap is read a range of ids at a time over the primary keys, so no page (and no request)
 * ever holds more than one range's rows, however many works the archive has.
 */
export class CrawlerStore {
  constructor(private readonly db: Db) {}

  /** Whether the work, or any of its accepted creators' accounts, asks not to be indexed (false for no such work). */
  async workOptedOut(workId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('works')
      .select((eb) => ['works.noindex', optedOutCreator(eb).as('by_creator')])
      .where('works.id', '=', workId)
      .executeTakeFirst();
    return row !== undefined && (row.noindex === 1 || Boolean(row.by_creator));
  }

  /** Whether the account with this login asks not to have its pages and works indexed. */
  async memberOptedOutByLogin(login: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('noindex')
      .where('login_key', '=', loginKey(login))
      .executeTakeFirst();
    return row?.noindex === 1;
  }

  async memberOptedOut(userId: number): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('noindex').where('id', '=', userId).executeTakeFirst();
    return row?.noindex === 1;
  }

  /**
   * Sets the account-wide choice. The member's works are noted as changed in the same
   * transaction, so every process drops the pages it kept of them (they now say otherwise).
   */
  async setMemberOptedOut(userId: number, optedOut: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ noindex: optedOut ? 1 : 0 })
        .where('id', '=', userId)
        .execute();
      const works = await tx
        .selectFrom('creatorships as c')
        .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
        .select('c.work_id')
        .distinct()
        .where('p.user_id', '=', userId)
        .execute();
      await noteWorksChanged(
        tx,
        works.map((w) => w.work_id),
      );
    });
  }

  /** The highest work id and user id there are (0 for none): the sitemap's ranges reach that far. */
  async highestIds(): Promise<{ work: number; user: number }> {
    const [work, user] = await Promise.all([
      this.db
        .selectFrom('works')
        .select((eb) => eb.fn.max('id').as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('users')
        .select((eb) => eb.fn.max('id').as('n'))
        .executeTakeFirst(),
    ]);
    return { work: Number(work?.n ?? 0), user: Number(user?.n ?? 0) };
  }

  /** Works guests may read now, not hidden, not opted out (by the work or any creator), with ids in [from, to]. */
  private indexableWorks(from: number, to: number, at: string) {
    // The range is walked on the primary key (`range`), each work then read by its key: a CROSS
    // JOIN fixes that order in SQLite, which would otherwise start from the index of all public
    // works and scan most of them for every page.
    return this.db
      .selectFrom('works as range')
      .crossJoin('works')
      .whereRef('works.id', '=', 'range.id')
      .where('range.id', '>=', from)
      .where('range.id', '<=', to)
      .where(visibleTo(null, at))
      .where('works.noindex', '=', 0)
      .where((eb) => eb.not(optedOutCreator(eb)));
  }

  async hasIndexableWorks(from: number, to: number): Promise<boolean> {
    const row = await this.indexableWorks(from, to, now()).select('works.id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async indexableWorkRows(from: number, to: number): Promise<SitemapRow[]> {
    const rows = await this.indexableWorks(from, to, now())
      .select(['works.id', sql<string>`coalesce(works.revised_at, works.updated_at)`.as('lastmod')])
      .orderBy('range.id')
      .execute();
    return rows.map((r) => ({ id: r.id, lastmod: r.lastmod }));
  }

  /**
   * Members with ids in [from, to] whose user page is worth a crawler's visit: not opted out, not
   * banned, not the orphan account, credited with at least one work the sitemap lists.
   */
  private indexableUsers(from: number, to: number, at: string) {
    return this.db
      .selectFrom('users')
      .where('users.id', '>=', from)
      .where('users.id', '<=', to)
      .where('users.noindex', '=', 0)
      .where('users.banned_at', 'is', null)
      .where('users.login_key', '!=', ORPHAN_LOGIN)
      .where((eb) =>
        eb.exists(
          // From the member to their works, in that order (a CROSS JOIN keeps SQLite from starting at
          // all public works instead): a member's few works, each found by its key.
          eb
            .selectFrom('pseuds as up')
            .crossJoin('creatorships as uc')
            .crossJoin('works')
            .select('uc.work_id')
            .whereRef('up.user_id', '=', 'users.id')
            .whereRef('uc.pseud_id', '=', 'up.id')
            .whereRef('works.id', '=', 'uc.work_id')
            .where('uc.accepted', '=', 1)
            .where(visibleTo(null, at))
            .where('works.noindex', '=', 0)
            .where('works.anonymous', '=', 0),
        ),
      );
  }

  async hasIndexableUsers(from: number, to: number): Promise<boolean> {
    const row = await this.indexableUsers(from, to, now()).select('users.id').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** Each member's row, dated by the last change to any of their listed works. */
  async indexableUserRows(from: number, to: number): Promise<SitemapRow[]> {
    const at = now();
    const rows = await this.indexableUsers(from, to, at)
      .select((eb) => [
        'users.id',
        'users.login',
        eb
          .selectFrom('pseuds as lp')
          .crossJoin('creatorships as lc')
          .crossJoin('works')
          .select(sql<string>`max(coalesce(works.revised_at, works.updated_at))`.as('m'))
          .whereRef('lp.user_id', '=', 'users.id')
          .whereRef('lc.pseud_id', '=', 'lp.id')
          .whereRef('works.id', '=', 'lc.work_id')
          .where('lc.accepted', '=', 1)
          .where(visibleTo(null, at))
          .where('works.anonymous', '=', 0)
          .as('lastmod'),
      ])
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({ id: r.id, login: r.login, lastmod: r.lastmod ?? '' }));
  }
}
