import { sql, type RawBuilder, type ExpressionBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { likeLiteral, now } from './database.ts';
import type { Database } from './schema.ts';
import type { Store } from './index.ts';
import { visibleTo, type WorkBlurb } from './works.ts';
import { loginKey, pseudKey } from '../domain/accounts.ts';
import { tagKey } from '../domain/works.ts';
import {
  searchTerms,
  type Cursor,
  type PageRequest,
  type WorkFilters,
  type WorkSort,
} from '../domain/work-list-query.ts';

export interface WorkListPage {
  works: WorkBlurb[];
  /** Every work matching the filters that the viewer may see. */
  total: number;
  /** Where the next page starts; undefined on the last page. */
  next?: Cursor;
}

type WorksQuery = SelectQueryBuilder<Database, 'works', object>;
type Eb = ExpressionBuilder<Database, 'works'>;

function sortExpression(sort: WorkSort): RawBuilder<string | number> {
  switch (sort) {
    case 'updated':
      return sql<string>`coalesce(works.revised_at, works.updated_at)`;
    case 'posted':
      return sql<string>`coalesce(works.published_at, works.created_at)`;
    case 'title':
      return sql<string>`lower(works.title)`;
    case 'kudos':
      return sql<number>`works.kudos_count`;
    case 'hits':
      return sql<number>`works.hits`;
    case 'comments':
      return sql<number>`works.comment_count`;
    case 'bookmarks':
      return sql<number>`works.bookmark_count`;
    case 'words':
      return sql<number>`works.word_count`;
  }
}

function taggedWith(eb: Eb, name: string, kind?: string) {
  let tagged = eb
    .selectFrom('taggings as tg')
    .innerJoin('tags as t', 't.id', 'tg.tag_id')
    .select('tg.work_id')
    .whereRef('tg.work_id', '=', 'works.id')
    .where('t.name_key', '=', tagKey(name));
  if (kind) tagged = tagged.where('t.kind', '=', kind);
  return eb.exists(tagged);
}

function applyFilters(query: WorksQuery, filters: WorkFilters): WorksQuery {
  for (const name of filters.tags) query = query.where((eb) => taggedWith(eb, name));
  for (const name of filters.fandoms) query = query.where((eb) => taggedWith(eb, name, 'fandom'));
  if (filters.ratings.length > 0) query = query.where('works.rating', 'in', filters.ratings);
  if (filters.complete !== undefined) query = query.where('works.complete', '=', filters.complete ? 1 : 0);
  if (filters.language !== undefined) query = query.where('works.language', '=', filters.language);
  if (filters.wordsFrom !== undefined) query = query.where('works.word_count', '>=', filters.wordsFrom);
  if (filters.wordsTo !== undefined) query = query.where('works.word_count', '<=', filters.wordsTo);
  if (filters.updatedSince !== undefined)
    query = query.where(sql<string>`coalesce(works.revised_at, works.updated_at)`, '>=', filters.updatedSince);
  if (filters.user !== undefined || filters.pseud !== undefined) {
    const { user, pseud } = filters;
    query = query.where((eb) => {
      let creators = eb
        .selectFrom('creatorships as c')
        .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select('c.work_id')
        .whereRef('c.work_id', '=', 'works.id')
        .where('c.accepted', '=', 1);
      if (user !== undefined) creators = creators.where('u.login_key', '=', loginKey(user));
      if (pseud !== undefined) creators = creators.where('p.name_key', '=', pseudKey(pseud));
      // Listing a work a collection keeps anonymous under its creator would name them.
      return eb.and([eb.exists(creators), eb('works.anonymous', '=', 0)]);
    });
  }
  if (filters.text !== undefined) {
    for (const term of searchTerms(filters.text)) {
      const pattern = `%${likeLiteral(term)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<SqlBool>`lower(works.title) like ${pattern} escape '\\'`,
          sql<SqlBool>`lower(works.summary) like ${pattern} escape '\\'`,
          eb.exists(
            eb
              .selectFrom('taggings as st')
              .innerJoin('tags as s', 's.id', 'st.tag_id')
              .select('st.work_id')
              .whereRef('st.work_id', '=', 'works.id')
              .where(sql<SqlBool>`s.name_key like ${pattern} escape '\\'`),
          ),
        ]),
      );
    }
  }
  return query;
}

/**
 * The one place the API lists works: filters, sort and keyset pagination over what the viewer may
 * see. The search index of the discovery work can take its place behind this signature.
 */
export async function listWorks(
  store: Store,
  filters: WorkFilters,
  page: PageRequest,
  viewerId: number | null,
): Promise<WorkListPage> {
  const db = store.handle.db;
  const filtered = applyFilters(db.selectFrom('works').where(visibleTo(viewerId, now())), filters);
  const totalRow = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(totalRow.n);

  const sortBy = sortExpression(page.sort);
  const after = page.after;
  let query = filtered;
  if (after) {
    const op = page.order === 'desc' ? '<' : '>';
    query = query.where((eb) =>
      eb.or([eb(sortBy, op, after.value), eb.and([eb(sortBy, '=', after.value), eb('works.id', op, after.id)])]),
    );
  }
  const rows = await query
    .select(['works.id', sortBy.as('sort_value')] as const)
    .orderBy(sortBy, page.order)
    .orderBy('works.id', page.order)
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit);
  const ids = shown.map((r) => r.id);
  const { works } = ids.length > 0 ? await store.works.list({ viewerId, ids, limit: ids.length }) : { works: [] };
  const byId = new Map(works.map((w) => [w.id, w]));
  const last = shown.at(-1);
  const sortValue = (value: unknown) => (typeof value === 'string' ? value : Number(value));
  return {
    works: ids.flatMap((id) => byId.get(id) ?? []),
    total,
    ...(rows.length > page.limit && last
      ? { next: { sort: page.sort, order: page.order, value: sortValue(last.sort_value), id: last.id } }
      : {}),
  };
}

/**
 * Ids of works credited (accepted) to an account and/or one of its pen names, whatever their
 * visibility: the index decides that. Works a collection keeps anonymous are left out (listing them
 * under their creator would name them) unless `withAnonymous` (the creator's own view of them).
 */
export async function creatorWorkIds(
  store: Store,
  user: string | undefined,
  pseud: string | undefined,
  { withAnonymous = false }: { withAnonymous?: boolean } = {},
): Promise<number[]> {
  let query = store.handle.db
    .selectFrom('creatorships as c')
    .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select('c.work_id')
    .distinct()
    .where('c.accepted', '=', 1);
  if (!withAnonymous)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('works as named')
          .select('named.id')
          .whereRef('named.id', '=', 'c.work_id')
          .where('named.anonymous', '=', 0),
      ),
    );
  if (user !== undefined) query = query.where('u.login_key', '=', loginKey(user));
  if (pseud !== undefined) query = query.where('p.name_key', '=', pseudKey(pseud));
  return (await query.execute()).map((r) => r.work_id);
}

/** Ids of works tagged with any of these tags. */
export async function workIdsTagged(store: Store, tagIds: number[]): Promise<number[]> {
  if (tagIds.length === 0) return [];
  const rows = await store.handle.db
    .selectFrom('taggings')
    .select('work_id')
    .distinct()
    .where('tag_id', 'in', tagIds)
    .execute();
  return rows.map((r) => r.work_id);
}
