import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/database.ts';
import type { TagKind } from '../domain/works.ts';
import type { NumberRange } from '../domain/search-query.ts';
import {
  TAG_KINDS,
  type IndexQuery,
  type IndexResult,
  type TagCount,
  type TextQuery,
  type WorkIndex,
} from './work-index.ts';
import { readWorkChanges } from './change-log.ts';

const DAY = 86_400_000;
/** Memory for one listing's sort and sidebar counts (PostgreSQL's default is 4MB). */
const FACET_WORK_MEM = '64MB';

/** Range filters: the query's field and the works column it bounds. */
const RANGE_COLUMNS = [
  ['words', 'word_count'],
  ['kudos', 'kudos_count'],
  ['hits', 'hits'],
  ['comments', 'comment_count'],
  ['bookmarks', 'bookmark_count'],
  ['chapters', 'chapter_count'],
] as const;

/** Each sort's key (on `matched`, see query) and direction; ties go to the newer work (higher id), as in the in-memory index. */
const SORT_ORDER = {
  best: 'k asc',
  creator: 'k collate "C" asc',
  title: 'k collate "C" asc',
  posted: 'k desc',
  updated: 'k desc',
  words: 'k desc',
  hits: 'k desc',
  kudos: 'k desc',
  comments: 'k desc',
  bookmarks: 'k desc',
} as const;

const SORT_KEY = {
  creator: 'f.creator_key',
  title: 'f.title_key',
  posted: 'w.published_at',
  updated: 'coalesce(w.revised_at, w.updated_at)',
  words: 'w.word_count',
  hits: 'w.hits',
  kudos: 'w.kudos_count',
  comments: 'w.comment_count',
  bookmarks: 'w.bookmark_count',
} as const;

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/**
 * The works index as PostgreSQL itself (SEARCH_ENGINE=postgres): no process holds any works.
 * Each listing is one statement over `works` and `work_filters` (migration 0040: effective tags
 * in a GIN-indexed array, fandoms, creators' accounts, sort keys, the words of each work's own
 * text), answering the same questions as the in-memory index (src/search/memory-index.ts) with
 * the same rules: who may see what, how tags file, what crossovers are, each sort's tie-break,
 * and the sidebar's counts. It still follows the work change log, for the caches that listen to it.
 */
export class PgWorkIndex implements WorkIndex {
  readonly size = 0;
  private lastChangeId = 0;
  private gaps = new Map<number, number>();
  private syncing: Promise<void> | null = null;
  private listeners: ((workIds: number[]) => void)[] = [];
  private version = 0;

  private constructor(
    private readonly db: Db,
    private readonly latestChange?: () => number,
  ) {}

  static async open(db: Db, latestChange?: () => number): Promise<PgWorkIndex> {
    await keepWorkFilters(db);
    const index = new PgWorkIndex(db, latestChange);
    index.lastChangeId = await index.newestChange();
    return index;
  }

  get appliedChangeId(): number {
    return this.lastChangeId;
  }

  /** Every write seen in the change log counts (counters included: this index cannot tell them apart unread). */
  get contentVersion(): number {
    return this.version;
  }

  onWorksChanged(listener: (workIds: number[]) => void): void {
    this.listeners.push(listener);
  }

  private async newestChange(): Promise<number> {
    const latest = await this.db
      .selectFrom('work_changes')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(latest?.id ?? 0);
  }

  /** Reads the change log past the last entry seen and tells the listeners which works changed. */
  async sync(): Promise<void> {
    if (!this.syncing && this.gaps.size === 0 && this.latestChange && this.latestChange() <= this.lastChangeId) return;
    if (this.syncing) return this.syncing;
    this.syncing = this.catchUp().finally(() => (this.syncing = null));
    await this.syncing;
  }

  private async catchUp(): Promise<void> {
    const { rows, lastChangeId } = await readWorkChanges(this.db, this.lastChangeId, this.gaps);
    if (rows.length === 0) return;
    this.lastChangeId = lastChangeId;
    this.version++;
    const workIds = [...new Set(rows.map((r) => r.work_id))];
    for (const listener of this.listeners) listener(workIds);
  }

  async isListed(workId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('works')
      .select('id')
      .where('id', '=', workId)
      .where('hidden_at', 'is', null)
      .where('unrevealed', '=', 0)
      .where('visibility', 'in', ['public', 'registered'])
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The tags these file under (a synonym's canonical tag, else the tag itself). */
  async canonicalTagIds(tagIds: number[]): Promise<number[]> {
    if (tagIds.length === 0) return [];
    const rows = await this.db.selectFrom('tags').select(['id', 'merger_id']).where('id', 'in', tagIds).execute();
    const known = new Map(rows.map((r) => [r.id, r.merger_id ?? r.id]));
    return [...new Set(tagIds.map((id) => known.get(id) ?? id))];
  }

  /**
   * The conditions of a text query on works `w` (search document `ws`, chapter matches `ch`),
   * with the works holding its words worked out first (`text_hits`, each word one lookup in a GIN
   * index: a word also matches the works filed under every tag whose name holds it, which may be
   * thousands of tags), and each match's rank.
   */
  private async textCondition(
    text: TextQuery,
  ): Promise<{ hits?: RawBuilder<unknown>; where: RawBuilder<unknown>; rank: RawBuilder<unknown> }> {
    const tokens = [...new Set(text.tokens)];
    // The tags are looked up inside the statement: given as a list of thousands, PostgreSQL would
    // rather compare each work's tags with the whole list than look them up in the index.
    const sets = tokens.map(
      (token) => sql`(select work_id from work_filters where words @> array[${token}]::text[]
        union select work_id from work_filters where tag_ids && (
          select coalesce(array_agg(distinct coalesce(t.merger_id, t.id)), '{}') from tags t where quire_words(t.name) @> array[${token}]::text[]))`,
    );
    const hits = sets.length > 0 ? sql.join(sets, sql` intersect `) : undefined;
    const conditions: RawBuilder<unknown>[] = [sql`w.id in (select work_id from text_hits)`];
    if (text.phrases.length > 0)
      conditions.push(
        sql`ws.document @@ (${sql.join(
          text.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`),
          sql` && `,
        )})`,
      );
    // No word at all (only punctuation): nothing matches, as in the in-memory text index.
    const workLevel = tokens.length === 0 ? sql`false` : and(conditions);
    const workRank = text.ranked
      ? sql`case when ${workLevel} then -ts_rank(ws.document, plainto_tsquery('simple', ${tokens.join(' ')})) end`
      : sql`null`;
    if (!text.chapters) return { hits, where: workLevel, rank: workRank };
    return {
      hits,
      where: sql`(${workLevel} or ch.work_id is not null)`,
      rank: text.ranked ? sql`least(${workRank}, ch.rank)` : sql`null`,
    };
  }

  /** Works with a posted chapter holding every term and phrase, each with its best chapter's rank (as src/search/text-search.ts's matchChapters). */
  private chapterHits(chapters: { terms: string[]; phrases: string[] }, ranked: boolean): RawBuilder<unknown> {
    const tsquery = sql.join(
      [
        ...chapters.terms.map((t) => sql`plainto_tsquery('simple', ${t})`),
        ...chapters.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`),
      ],
      sql` && `,
    );
    const best = ranked ? sql`min(-ts_rank(cs.document, q))` : sql`0`;
    return sql`select cs.work_id, ${best} as rank from chapter_search cs join chapters c on c.id = cs.chapter_id, (select ${tsquery} as q) query
      where cs.document @@ q and c.draft = 0 and c.hidden_at is null group by cs.work_id`;
  }

  async query(q: IndexQuery, now = Date.now()): Promise<IndexResult> {
    const empty = Object.fromEntries(TAG_KINDS.map((kind) => [kind, [] as TagCount[]])) as Record<TagKind, TagCount[]>;
    const conditions: RawBuilder<unknown>[] = [
      sql`w.hidden_at is null and w.unrevealed = 0 and w.published_at <= ${new Date(now).toISOString()}`,
      q.member ? sql`w.visibility in ('public', 'registered')` : sql`w.visibility = 'public'`,
    ];
    if (q.language !== undefined) conditions.push(sql`w.language = ${q.language}`);
    if (q.complete !== undefined) conditions.push(q.complete ? sql`w.complete = 1` : sql`w.complete <> 1`);
    if (q.crossovers === 'only') conditions.push(sql`f.fandoms >= 2`);
    if (q.crossovers === 'exclude') conditions.push(sql`f.fandoms <= 1`);
    if (q.singleChapter) conditions.push(sql`w.chapter_count = 1`);
    for (const [field, column] of RANGE_COLUMNS) {
      const range: NumberRange | undefined = q.ranges[field];
      if (range?.min !== undefined) conditions.push(sql`${sql.ref(`w.${column}`)} >= ${range.min}::float8`);
      if (range?.max !== undefined) conditions.push(sql`${sql.ref(`w.${column}`)} <= ${range.max}::float8`);
    }
    const updated = sql`coalesce(w.revised_at, w.updated_at)`;
    const from = q.updatedFrom ? Date.parse(`${q.updatedFrom}T00:00:00Z`) : NaN;
    const to = q.updatedTo ? Date.parse(`${q.updatedTo}T00:00:00Z`) + DAY - 1 : NaN;
    if (Number.isFinite(from)) conditions.push(sql`${updated} >= ${new Date(from).toISOString()}`);
    if (Number.isFinite(to)) conditions.push(sql`${updated} <= ${new Date(to).toISOString()}`);
    const include = [...new Set(q.includeTagIds)];
    if (include.length > 0) conditions.push(sql`f.tag_ids @> ${include}::int[]`);
    for (const group of q.includeAnyOf ?? []) conditions.push(sql`f.tag_ids && ${[...new Set(group)]}::int[]`);
    const exclude = [...new Set([...q.excludeTagIds, ...q.mutedTagIds])];
    if (exclude.length > 0) conditions.push(sql`not (f.tag_ids && ${exclude}::int[])`);
    if (q.mutedUserIds.length > 0) conditions.push(sql`not (f.creator_user_ids && ${q.mutedUserIds}::int[])`);
    if (q.within) conditions.push(sql`w.id = any(${q.within}::int[])`);
    if (q.textMatches) conditions.push(sql`w.id = any(${Array.from(q.textMatches.ids)}::int[])`);

    const text = q.textQuery ? await this.textCondition(q.textQuery) : undefined;
    if (text) conditions.push(text.where);
    const ranked = q.sort === 'best' && text !== undefined && q.textQuery!.ranked;
    const sort = q.sort === 'best' && !ranked ? 'updated' : q.sort;
    const key = sort === 'best' ? text!.rank : sql.raw(SORT_KEY[sort]);
    const facets = q.facetLimit > 0;
    const chapters = q.textQuery?.chapters
      ? sql`chapter_hits as (${this.chapterHits(q.textQuery.chapters, ranked)}),`
      : sql``;
    const textHits = text?.hits ? sql`text_hits as materialized (${text.hits}),` : sql``;
    const joins = sql.join(
      [
        sql`works w join work_filters f on f.work_id = w.id`,
        ...(q.textQuery ? [sql`left join work_search ws on ws.work_id = w.id`] : []),
        ...(q.textQuery?.chapters ? [sql`left join chapter_hits ch on ch.work_id = w.id`] : []),
      ],
      sql` `,
    );
    const order = sql.raw(`${SORT_ORDER[sort]}, id desc`);
    const facetPart = facets
      ? sql`(select coalesce(json_agg(json_build_array(kind, tag_id, n)), '[]') from (
          select tags.kind, counted.tag_id, counted.n,
            row_number() over (partition by tags.kind order by counted.n desc, counted.tag_id asc) as place
          from (select tag_id, count(*) as n from matched, unnest(matched.tag_ids) tag_id group by tag_id) counted
          join tags on tags.id = counted.tag_id) ranked_tags where place <= ${q.facetLimit})`
      : sql`'[]'::json`;
    const page =
      q.limit > 0
        ? sql`(select coalesce(json_agg(id order by ${order}), '[]') from (select id, k from matched order by ${order} limit ${q.limit} offset ${q.offset}) p)`
        : sql`'[]'::json`;
    const statement = sql<{ total: number; ids: number[]; facets: [TagKind, number, number][] }>`
      with ${textHits} ${chapters} matched as materialized (
        select w.id, ${key} as k ${facets ? sql`, f.tag_ids` : sql``}
        from ${joins}
        where ${and(conditions)}
      )
      select (select count(*) from matched)::int as total, ${page} as ids, ${facetPart} as facets`;
    // Counting the sidebar of a large result (ten million tags at a million works) in memory
    // rather than in batches on disk takes a quarter less time.
    const result = facets
      ? await this.db.connection().execute(async (conn) => {
          await sql`set work_mem = ${sql.lit(FACET_WORK_MEM)}`.execute(conn);
          try {
            return await statement.execute(conn);
          } finally {
            await sql`reset work_mem`.execute(conn);
          }
        })
      : await statement.execute(this.db);
    const row = result.rows[0];
    const byKind = empty;
    for (const [kind, tagId, count] of row.facets) byKind[kind]?.push({ tagId: Number(tagId), count: Number(count) });
    for (const kind of TAG_KINDS) byKind[kind].sort((a, b) => b.count - a.count || a.tagId - b.tagId);
    return { total: Number(row.total), workIds: row.ids.map(Number), facets: byKind };
  }
}

const KEPT_SETTING = 'work_filters';

/** Whether this archive keeps work_filters (a process has searched by PostgreSQL since migration 0040). */
export async function workFiltersKept(db: Db): Promise<boolean> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', KEPT_SETTING).executeTakeFirst();
  return row?.value === 'kept';
}

/**
 * Starts keeping work_filters, once per archive: the triggers that rebuild a work's row when its
 * change is committed, then every work's row. Creating a trigger waits for the writes in flight
 * on work_changes, so every write is either rebuilt by the trigger or already read by the filling.
 * Processes starting together wait on one lock; one interrupted halfway is finished by the next.
 */
export async function keepWorkFilters(db: Db): Promise<void> {
  if (await workFiltersKept(db)) return;
  await db.connection().execute(async (conn) => {
    const key = sql`hashtext('quire work_filters ' || current_schema())`;
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      if (await workFiltersKept(conn)) return;
      const triggers = await sql<{ name: string }>`select t.tgname as name from pg_trigger t
        join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = current_schema()::regnamespace and t.tgname in ('work_filters_note', 'work_filters_follow')`.execute(
        conn,
      );
      const has = new Set(triggers.rows.map((row) => row.name));
      if (!has.has('work_filters_note'))
        await sql`create trigger work_filters_note after insert on work_changes
          referencing new table as added for each statement execute function work_filters_note()`.execute(conn);
      if (!has.has('work_filters_follow'))
        await sql`create constraint trigger work_filters_follow after insert on work_filters_stale
          deferrable initially deferred for each row execute function work_filters_follow()`.execute(conn);
      console.warn('Searching by PostgreSQL: filling the search rows of every work (once per archive).');
      await refreshWorkFilters(conn);
      await sql`analyze work_filters`.execute(conn);
      await conn
        .insertInto('site_settings')
        .values({ key: KEPT_SETTING, value: 'kept' })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: 'kept' }))
        .execute();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/**
 * Rebuilds every work's row of work_filters (migration 0040), for works written without the
 * change log (the corpus loader); a batch of works per statement.
 */
export async function refreshWorkFilters(db: Db, batch = 20_000): Promise<void> {
  const bounds = await sql<{
    low: number | null;
    high: number | null;
  }>`select min(id) as low, max(id) as high from works`.execute(db);
  const low = Number(bounds.rows[0]?.low ?? 0);
  const high = Number(bounds.rows[0]?.high ?? -1);
  for (let from = low; from <= high; from += batch)
    await sql`select work_filters_refresh(array(select id from works where id >= ${from} and id < ${from + batch}))`.execute(
      db,
    );
}
