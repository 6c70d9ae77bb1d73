import { sql, type RawBuilder } from 'kysely';
import { replicaReads, type Db } from '../store/database.ts';
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
import { readWorkChanges, worksShownChanged } from './change-log.ts';

const DAY = 86_400_000;
/** Memory for one listing's sort and sidebar counts (PostgreSQL's default is 4MB). */
const FACET_WORK_MEM = '64MB';
/** A page is read by walking its sort's index when that should pass at most this many works. */
const WALK_AT_MOST = 5000;

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

/** Tags of the sidebar whose kind is looked up first: the most used of the works listed. */
const SIDEBAR_FIRST = 2000;

/**
 * The sidebar of the works `matched` (with their `tag_ids`): each kind's most used tags, counted.
 * Every tag is counted, but only the most used few thousand have their kind looked up (a large
 * listing has tens of thousands): a kind with enough tags among them has its first ones there; a
 * kind with too few (ratings, warnings, categories: a handful of tags each) has every one of its
 * tags looked at (read from tags by kind: "offset 0" keeps PostgreSQL from looking up the kind of
 * every tag counted instead).
 */
function sidebar(limit: number, first = PgWorkIndex.sidebarFirst): RawBuilder<unknown> {
  return sql`(with counted as materialized (select tag_id, count(*) as n from matched, unnest(matched.tag_ids) tag_id group by tag_id),
      top as materialized (select t.kind, c.tag_id, c.n
        from (select tag_id, n from counted order by n desc, tag_id asc limit ${first}) c join tags t on t.id = c.tag_id),
      short as (select k.kind from unnest(${[...TAG_KINDS]}::text[]) k (kind)
        where (select count(*) from counted) > ${first} and (select count(*) from top where top.kind = k.kind) < ${limit}),
      candidates as (select kind, tag_id, n from top
        union select t.kind, c.tag_id, c.n
          from (select id, kind from tags where kind = any(array(select kind from short)) offset 0) t join counted c on c.tag_id = t.id)
    select coalesce(json_agg(json_build_array(kind, tag_id, n)), '[]') from (
      select kind, tag_id, n, row_number() over (partition by kind order by n desc, tag_id asc) as place from candidates) ranked_tags
    where place <= ${limit})`;
}

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/**
 * The works index as PostgreSQL itself (SEARCH_ENGINE=postgres): no process holds any works.
 * Each listing is one statement over `works` and `work_filters` (migrations 0040 and 0041: effective
 * tags in a GIN-indexed array, fandoms, creators' accounts, sort keys, who a work is listed to,
 * language, completeness and length; the words of each work's own text in `work_words`), answering
 * the same questions as the in-memory index (src/search/memory-index.ts) with the same rules: who
 * may see what, how tags file, what crossovers are, each sort's tie-break, and the sidebar's counts.
 * Three shapes, fastest first: an unfiltered listing from per-tag counts kept as works change and
 * its sort's index; a listing filtered on work_filters alone from those narrow rows; anything else
 * (text, counters, dates) over works and work_filters together. It still follows the work change
 * log, for the caches that listen to it.
 */
export class PgWorkIndex implements WorkIndex {
  /** A page is read by walking its sort's index when that should pass at most this many works (tests change it to try both ways). */
  static walkAtMost = WALK_AT_MOST;
  /** How many of a listing's most used tags have their kind looked up first (see sidebar; tests change it). */
  static sidebarFirst = SIDEBAR_FIRST;
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
    const workIds = worksShownChanged(rows);
    if (workIds.length > 0) for (const listener of this.listeners) listener(workIds);
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
      (token) => sql`(select work_id from work_words where words @> array[${token}]::text[]
        union select work_id from work_filters where tag_ids && (
          select coalesce(array_agg(distinct coalesce(t.merger_id, t.id)), '{}') from tags t where quire_words(t.name) @> array[${token}]::text[]))`,
    );
    const phrases =
      text.phrases.length > 0
        ? sql`(${sql.join(
            text.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`),
            sql` && `,
          )})`
        : undefined;
    // With a phrase, the works holding it (one GIN lookup, led by its rarest word) are few next
    // to those holding "of" or "the": each of them is checked for the words instead.
    const hits =
      sets.length === 0
        ? undefined
        : phrases
          ? // The phrase's works first ("offset 0" keeps PostgreSQL from planning them into a join
            // over every work), then each one checked for the words by its own rows.
            sql`select p.work_id from (select work_id from work_search where document @@ ${phrases} offset 0) p
              cross join lateral (select 1 from work_filters f join work_words ww on ww.work_id = f.work_id
                where f.work_id = p.work_id and ${and(
                  tokens.map(
                    (token) => sql`(ww.words @> array[${token}]::text[] or f.tag_ids && (
                      select coalesce(array_agg(distinct coalesce(t.merger_id, t.id)), '{}') from tags t where quire_words(t.name) @> array[${token}]::text[]))`,
                  ),
                )} limit 1) checked`
          : sql.join(sets, sql` intersect `);
    const conditions: RawBuilder<unknown>[] = [sql`w.id in (select work_id from text_hits)`];
    if (phrases) conditions.push(sql`ws.document @@ ${phrases}`);
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

  /** Whether a listing has no condition but who may see what (and the viewer's mutes): its sidebar is kept per tag. */
  private static unfiltered(q: IndexQuery): boolean {
    return (
      q.includeTagIds.length === 0 &&
      (q.includeAnyOf ?? []).length === 0 &&
      q.excludeTagIds.length === 0 &&
      q.crossovers === 'include' &&
      q.complete === undefined &&
      !q.singleChapter &&
      Object.values(q.ranges).every((range) => range?.min === undefined && range?.max === undefined) &&
      !q.updatedFrom &&
      !q.updatedTo &&
      q.language === undefined &&
      q.within === undefined &&
      q.textMatches === undefined &&
      q.textQuery === undefined
    );
  }

  /**
   * An unfiltered listing (/works, a member's with their mutes), or one of a single fandom, without
   * reading every work: the total and sidebar from the counts kept per tag (migration 0041) or per
   * fandom and tag (migration 0045), less the works they count that this listing leaves out
   * (scheduled for later, or muted: few, and found by index), and the page read in the sort's order
   * from its index, stopping at the page's last work.
   */
  private async queryUnfiltered(q: IndexQuery, now: number, fandom?: number): Promise<IndexResult> {
    const at = new Date(now).toISOString();
    const audience = q.member ? 1 : 0;
    const visible = q.member ? sql`w.visibility in ('public', 'registered')` : sql`w.visibility = 'public'`;
    const mutedTags = [...new Set(q.mutedTagIds)];
    const mutedUsers = [...new Set(q.mutedUserIds)];
    const inFandom = fandom === undefined ? sql`` : sql`and f.tag_ids @> array[${fandom}]::int[]`;
    const away = [
      sql`select f.work_id, f.tag_ids from works w join work_filters f on f.work_id = w.id
        where ${visible} and w.published_at > ${at} and f.listed <= ${audience} ${inFandom}`,
      ...(mutedTags.length > 0
        ? [
            sql`select f.work_id, f.tag_ids from work_filters f where f.tag_ids && ${mutedTags}::int[] and f.listed <= ${audience} ${inFandom}`,
          ]
        : []),
      ...(mutedUsers.length > 0
        ? [
            sql`select f.work_id, f.tag_ids from work_filters f where f.creator_user_ids && ${mutedUsers}::int[] and f.listed <= ${audience} ${inFandom}`,
          ]
        : []),
    ];
    const sort = q.sort === 'best' ? 'updated' : q.sort;
    const byFilters = sort === 'title' || sort === 'creator';
    const conditions: RawBuilder<unknown>[] = [
      sql`w.hidden_at is null and w.unrevealed = 0 and w.published_at <= ${at}`,
      visible,
    ];
    const onRow: RawBuilder<unknown>[] = [];
    // "= any" rather than "@>": tested on each row walked, never looked up in the GIN index.
    if (fandom !== undefined) onRow.push(sql`${fandom}::int = any(f.tag_ids)`);
    if (mutedTags.length > 0) onRow.push(sql`not (f.tag_ids && ${mutedTags}::int[])`);
    if (mutedUsers.length > 0) onRow.push(sql`not (f.creator_user_ids && ${mutedUsers}::int[])`);
    // Walking works' sort index, the row's conditions are one lookup per work walked (a subquery
    // PostgreSQL cannot turn into a join over every row); walking work_filters' own, they are on it.
    if (byFilters) conditions.push(...onRow);
    else if (onRow.length > 0) conditions.push(sql`(select ${and(onRow)} from work_filters f where f.work_id = w.id)`);
    // The same order as the general statement's (ties to the newer work), in the terms of the sort's index.
    const key = byFilters ? `f.${sort}_key collate "C" asc, f.work_id desc` : `${SORT_KEY[sort]} desc, w.id desc`;
    const page =
      q.limit > 0
        ? sql`array(select w.id from works w ${byFilters ? sql`join work_filters f on f.work_id = w.id` : sql``}
            where ${and(conditions)} order by ${sql.raw(key)} limit ${q.limit} offset ${q.offset})`
        : sql`'{}'::int[]`;
    const counts =
      fandom === undefined
        ? sql`tag_work_counts c where c.audience = ${audience}`
        : sql`fandom_tag_work_counts c where c.audience = ${audience} and c.fandom_id = ${fandom}`;
    // Each kind's most used tags by the kept counts, read from their index: enough of them that
    // taking off the works left out cannot bring up a tag from further down.
    const facets =
      q.facetLimit > 0
        ? sql`(select coalesce(json_agg(json_build_array(kind, tag_id, n)), '[]') from (
            select c.kind, c.tag_id, c.works - coalesce(a.n, 0) as n,
              row_number() over (partition by c.kind order by c.works - coalesce(a.n, 0) desc, c.tag_id asc) as place
            from unnest(${[...TAG_KINDS]}::text[]) k (kind),
              lateral (select c.kind, c.tag_id, c.works from ${counts} and c.kind = k.kind and c.works > 0
                order by c.works desc, c.tag_id asc limit ${q.facetLimit} + (select count(*) from away_counts)) c
              left join away_counts a on a.tag_id = c.tag_id
            where c.works - coalesce(a.n, 0) > 0) ranked_tags
          where place <= ${q.facetLimit})`
        : sql`'[]'::json`;
    const result = await sql<{ total: number; ids: number[]; facets: [TagKind, number, number][] }>`
      with away as materialized (${sql.join(away, sql` union `)}),
      away_counts as (select tag_id, count(*) as n from away, unnest(away.tag_ids) tag_id group by tag_id)
      select (coalesce((select c.works from ${counts} and c.tag_id = 0), 0) - (select count(*) from away))::int as total,
        ${page} as ids, ${facets} as facets`.execute(replicaReads(this.db));
    return this.answer(result.rows[0]);
  }

  /**
   * The fandom of a listing of one fandom and nothing else (but who may see what and the viewer's
   * mutes) that holds enough of the archive for its page to be walked in the sort's index, else
   * undefined (then the works it lists are read and counted).
   */
  private async listedFandom(q: IndexQuery): Promise<number | undefined> {
    if (q.includeTagIds.length !== 1 || !PgWorkIndex.unfiltered({ ...q, includeTagIds: [] })) return undefined;
    const tagId = q.includeTagIds[0];
    const audience = q.member ? 1 : 0;
    const row = await sql<{ kind: string; works: number; total: number }>`select t.kind,
        coalesce((select works from fandom_tag_work_counts where audience = ${audience} and fandom_id = t.id and tag_id = 0), 0) as works,
        coalesce((select works from tag_work_counts where audience = ${audience} and tag_id = 0), 0) as total
      from tags t where t.id = ${tagId}`.execute(replicaReads(this.db));
    const found = row.rows[0];
    if (found?.kind !== 'fandom' || found.works <= 0) return undefined;
    const walked = q.limit > 0 ? (q.offset + q.limit) * Number(found.total) : 0;
    return Number(found.works) * PgWorkIndex.walkAtMost >= walked ? tagId : undefined;
  }

  private answer(row: { total: number; ids: number[]; facets: [TagKind, number, number][] }): IndexResult {
    const byKind = Object.fromEntries(TAG_KINDS.map((kind) => [kind, [] as TagCount[]])) as Record<TagKind, TagCount[]>;
    for (const [kind, tagId, count] of row.facets) byKind[kind]?.push({ tagId: Number(tagId), count: Number(count) });
    for (const kind of TAG_KINDS) byKind[kind].sort((a, b) => b.count - a.count || a.tagId - b.tagId);
    return { total: Number(row.total), workIds: row.ids.map(Number), facets: byKind };
  }

  /** Whether every condition of a listing is on work_filters (no text, no counters, no dates): then no other table is read but for the page. */
  private static onFilters(q: IndexQuery): boolean {
    // Words are on work_filters; the counters are not (they change without rebuilding its rows).
    const { kudos, hits, comments, bookmarks, chapters } = q.ranges;
    return (
      q.textQuery === undefined &&
      !q.singleChapter &&
      !q.updatedFrom &&
      !q.updatedTo &&
      [kudos, hits, comments, bookmarks, chapters].every(
        (range) => range?.min === undefined && range?.max === undefined,
      )
    );
  }

  /**
   * A listing whose conditions are all on work_filters (tags, crossovers, language, completeness,
   * length, mutes): the works it lists and the sidebar from those narrow rows alone, and the page
   * either by walking the sort's index until the page is full, when the listing holds enough of
   * the archive for that to be short, or else by sorting the listing.
   */
  private async queryFilters(q: IndexQuery, now: number): Promise<IndexResult> {
    const at = new Date(now).toISOString();
    const audience = q.member ? 1 : 0;
    const visible = q.member ? sql`w.visibility in ('public', 'registered')` : sql`w.visibility = 'public'`;
    const conditions: RawBuilder<unknown>[] = [
      sql`f.listed <= ${audience}`,
      // Listed, but scheduled for later (few, found by index).
      sql`f.work_id not in (select w.id from works w where ${visible} and w.published_at > ${at})`,
    ];
    if (q.language !== undefined) conditions.push(sql`f.language = ${q.language}`);
    if (q.complete !== undefined) conditions.push(q.complete ? sql`f.complete = 1` : sql`f.complete <> 1`);
    if (q.crossovers === 'only') conditions.push(sql`f.fandoms >= 2`);
    if (q.crossovers === 'exclude') conditions.push(sql`f.fandoms <= 1`);
    const words = q.ranges.words;
    if (words?.min !== undefined) conditions.push(sql`f.word_count >= ${words.min}::float8`);
    if (words?.max !== undefined) conditions.push(sql`f.word_count <= ${words.max}::float8`);
    const include = [...new Set(q.includeTagIds)];
    if (include.length > 0) conditions.push(sql`f.tag_ids @> ${include}::int[]`);
    for (const group of q.includeAnyOf ?? []) conditions.push(sql`f.tag_ids && ${[...new Set(group)]}::int[]`);
    const exclude = [...new Set([...q.excludeTagIds, ...q.mutedTagIds])];
    if (exclude.length > 0) conditions.push(sql`not (f.tag_ids && ${exclude}::int[])`);
    if (q.mutedUserIds.length > 0) conditions.push(sql`not (f.creator_user_ids && ${q.mutedUserIds}::int[])`);
    if (q.within) conditions.push(sql`f.work_id = any(${q.within}::int[])`);
    if (q.textMatches) conditions.push(sql`f.work_id = any(${Array.from(q.textMatches.ids)}::int[])`);

    const facets = q.facetLimit > 0;
    const sort = q.sort === 'best' ? 'updated' : q.sort;
    const byFilters = sort === 'title' || sort === 'creator';
    const key = sql.raw(
      byFilters ? `f.${sort}_key collate "C" asc, f.work_id desc` : `${SORT_KEY[sort]} desc, w.id desc`,
    );
    const rows = byFilters ? sql`work_filters f` : sql`works w`;
    const id = byFilters ? sql`f.work_id` : sql`w.id`;
    const window = sql`limit ${q.limit} offset ${q.offset}`;
    // Walking the index tests each work against the listing (a hashed set: the "or false" keeps
    // PostgreSQL from turning the test into a join); sorting looks up the sort key of every work
    // listed by its id ("offset 0" keeps PostgreSQL from reading every work to join them instead).
    const walk = sql`array(select ${id} from ${rows} where (${id} in (select id from matched) or false) order by ${key} ${window})`;
    const keyOf = sql.raw(byFilters ? `f.${sort}_key` : SORT_KEY[sort]);
    const sortedOrder = sql.raw(byFilters ? 's.k collate "C" asc, m.id desc' : 's.k desc, m.id desc');
    const sorted = sql`array(select m.id from matched m
      cross join lateral (select ${keyOf} as k from ${rows} where ${id} = m.id offset 0) s order by ${sortedOrder} ${window})`;
    const page =
      q.limit > 0
        ? sql`case when (select count(*) from matched) * ${PgWorkIndex.walkAtMost} >= ${q.offset + q.limit}::bigint
              * coalesce((select works from tag_work_counts where audience = ${audience} and tag_id = 0), 0)
            then ${walk} else ${sorted} end`
        : sql`'{}'::int[]`;
    const facetPart = facets ? sidebar(q.facetLimit) : sql`'[]'::json`;
    const statement = sql<{ total: number; ids: number[]; facets: [TagKind, number, number][] }>`
      with matched as materialized (
        select f.work_id as id ${facets ? sql`, f.tag_ids` : sql``} from work_filters f where ${and(conditions)}
      )
      select (select count(*) from matched)::int as total, ${page} as ids, ${facetPart} as facets`;
    return this.answer((await this.run(statement, facets)).rows[0]);
  }

  /**
   * Runs a listing's statement where reads may go (a replica), without JIT compilation (PostgreSQL
   * compiles any statement it expects to be costly: a tenth of a second or more per listing, on
   * every listing, for statements that run in tens of milliseconds), and with room to count a
   * large sidebar in memory.
   */
  private async run<R>(statement: RawBuilder<R>, facets: boolean): Promise<{ rows: R[] }> {
    // Only reads: in a request that may, they go to a replica (the settings too, on the same connection).
    return replicaReads(this.db)
      .connection()
      .execute(async (conn) => {
        // Counting the sidebar of a large result (ten million tags at a million works) in memory
        // rather than in batches on disk takes a quarter less time.
        const { rows } = await sql<{ jit: string; work_mem: string }>`select s.jit, s.work_mem,
            set_config('jit', 'off', false), set_config('work_mem', ${facets ? FACET_WORK_MEM : sql`s.work_mem`}, false)
          from (select current_setting('jit') as jit, current_setting('work_mem') as work_mem offset 0) s`.execute(
          conn,
        );
        try {
          return await statement.execute(conn);
        } finally {
          await sql`select set_config('jit', ${rows[0].jit}, false), set_config('work_mem', ${rows[0].work_mem}, false)`.execute(
            conn,
          );
        }
      });
  }

  async query(q: IndexQuery, now = Date.now()): Promise<IndexResult> {
    if (PgWorkIndex.unfiltered(q)) return this.queryUnfiltered(q, now);
    const fandom = await this.listedFandom(q);
    if (fandom !== undefined) return this.queryUnfiltered(q, now, fandom);
    if (PgWorkIndex.onFilters(q)) return this.queryFilters(q, now);
    const at = new Date(now).toISOString();
    const visible = q.member ? sql`w.visibility in ('public', 'registered')` : sql`w.visibility = 'public'`;
    // Text sorted by relevance, title or creator, filtered on work_filters alone: no works row is
    // read (one random read fewer per work the text matches); who may see it from work_filters.
    const onlyFilters =
      PgWorkIndex.onFilters({ ...q, textQuery: undefined }) && ['best', 'title', 'creator'].includes(q.sort);
    const conditions: RawBuilder<unknown>[] = onlyFilters
      ? [
          sql`f.listed <= ${q.member ? 1 : 0}`,
          // Listed, but scheduled for later (few, found by index).
          sql`f.work_id not in (select w.id from works w where ${visible} and w.published_at > ${at})`,
        ]
      : [sql`w.hidden_at is null and w.unrevealed = 0 and w.published_at <= ${at}`, visible];
    if (onlyFilters) {
      if (q.language !== undefined) conditions.push(sql`f.language = ${q.language}`);
      if (q.complete !== undefined) conditions.push(q.complete ? sql`f.complete = 1` : sql`f.complete <> 1`);
    } else {
      if (q.language !== undefined) conditions.push(sql`w.language = ${q.language}`);
      if (q.complete !== undefined) conditions.push(q.complete ? sql`w.complete = 1` : sql`w.complete <> 1`);
    }
    if (q.crossovers === 'only') conditions.push(sql`f.fandoms >= 2`);
    if (q.crossovers === 'exclude') conditions.push(sql`f.fandoms <= 1`);
    if (q.singleChapter) conditions.push(sql`w.chapter_count = 1`);
    for (const [field, column] of RANGE_COLUMNS) {
      const range: NumberRange | undefined = q.ranges[field];
      // Only words when on work_filters alone (onFilters).
      const ref = sql.ref(onlyFilters ? `f.${column}` : `w.${column}`);
      if (range?.min !== undefined) conditions.push(sql`${ref} >= ${range.min}::float8`);
      if (range?.max !== undefined) conditions.push(sql`${ref} <= ${range.max}::float8`);
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
        onlyFilters
          ? // "w.id" names the work in the conditions and the page.
            sql`work_filters f cross join lateral (select f.work_id as id) w`
          : sql`works w join work_filters f on f.work_id = w.id`,
        ...(q.textQuery ? [sql`left join work_search ws on ws.work_id = w.id`] : []),
        ...(q.textQuery?.chapters ? [sql`left join chapter_hits ch on ch.work_id = w.id`] : []),
      ],
      sql` `,
    );
    const order = sql.raw(`${SORT_ORDER[sort]}, id desc`);
    const facetPart = facets ? sidebar(q.facetLimit) : sql`'[]'::json`;
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
    return this.answer((await this.run(statement, facets)).rows[0]);
  }
}

const KEPT_SETTING = 'work_filters';
/** The setting's value once the rows, the per-tag counts and the sort indexes are kept (migration 0041 empties the rows kept before it). */
const COUNTED = 'counted';

/**
 * Indexes on works for reading an unfiltered listing in each sort's order (a page without reading
 * every work). Made only when searching by PostgreSQL: each is one more write per counter update.
 */
const SORT_INDEXES = {
  works_sort_updated: '(coalesce(revised_at, updated_at), id)',
  works_sort_posted: '(published_at, id)',
  works_sort_words: '(word_count, id)',
  works_sort_hits: '(hits, id)',
  works_sort_kudos: '(kudos_count, id)',
  works_sort_comments: '(comment_count, id)',
  works_sort_bookmarks: '(bookmark_count, id)',
} as const;

/** Whether this archive keeps work_filters (a process has searched by PostgreSQL since migration 0040). */
export async function workFiltersKept(db: Db): Promise<boolean> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', KEPT_SETTING).executeTakeFirst();
  return row?.value === COUNTED;
}

async function keptState(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('site_settings').select('value').where('key', '=', KEPT_SETTING).executeTakeFirst();
  return row?.value;
}

/**
 * Starts keeping work_filters, once per archive: the triggers that rebuild a work's row when its
 * change is committed, then every work's row and the per-tag counts (migration 0041), and the sort
 * indexes. Creating a trigger waits for the writes in flight on work_changes, so every write is
 * either rebuilt by the trigger or already read by the filling. Processes starting together wait
 * on one lock; one interrupted halfway is finished by the next.
 */
export async function keepWorkFilters(db: Db): Promise<void> {
  if ((await keptState(db)) === COUNTED) return;
  await db.connection().execute(async (conn) => {
    const key = sql`hashtext('quire work_filters ' || current_schema())`;
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      const state = await keptState(conn);
      if (state === COUNTED) return;
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
      for (const [name, columns] of Object.entries(SORT_INDEXES))
        await sql`create index if not exists ${sql.id(name)} on works ${sql.raw(columns)}`.execute(conn);
      await sql`analyze work_filters`.execute(conn);
      await sql`analyze tag_work_counts`.execute(conn);
      await conn
        .insertInto('site_settings')
        .values({ key: KEPT_SETTING, value: COUNTED })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: COUNTED }))
        .execute();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

/**
 * Rebuilds every work's row of work_filters (migration 0040), for works written without the
 * change log (the corpus loader); a batch of works per statement. Then counts the works under
 * each tag again (migration 0041).
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
  await sql`select tag_work_counts_recount()`.execute(db);
}
