import { sql } from 'kysely';
import { now, type Db } from './database.ts';
import { visibleTo } from './works.ts';
import type { TagKind } from '../domain/works.ts';

/**
 * What anonymous readers may browse, for feeds and the OPDS catalog: only public works that are
 * out (never drafts, registered-only or scheduled works), and the tags and series they carry.
 */

export interface CatalogTag {
  name: string;
  kind: TagKind;
  /** Public works carrying the tag. */
  works: number;
}

export interface CatalogSeries {
  id: number;
  title: string;
  summary: string;
  createdAt: string;
  updatedAt: string;
  /** Public works in the series. */
  works: number;
}

export interface Slice<T> {
  items: T[];
  total: number;
}

export class CatalogStore {
  constructor(private readonly db: Db) {}

  /** Ids of public works, newest update or most kudos first. */
  async workIds(order: 'updated' | 'kudos', limit: number, offset: number): Promise<Slice<number>> {
    const at = now();
    const base = this.db.selectFrom('works').where((eb) => visibleTo(null, at)(eb));
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let query = base.select('works.id');
    if (order === 'kudos') query = query.orderBy('works.kudos_count', 'desc');
    const rows = await query
      .orderBy(sql`coalesce(works.revised_at, works.updated_at)`, 'desc')
      .orderBy('works.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map((r) => r.id), total: Number(total.n) };
  }

  /** Tags of these kinds on public works, most used first, with how many. */
  async tagsInUse(kinds: TagKind[], limit: number, offset: number): Promise<Slice<CatalogTag>> {
    const at = now();
    const grouped = this.db
      .selectFrom('tags')
      .innerJoin('taggings', 'taggings.tag_id', 'tags.id')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .where('tags.kind', 'in', kinds)
      .where((eb) => visibleTo(null, at)(eb))
      .groupBy(['tags.id', 'tags.name', 'tags.kind', 'tags.name_key'])
      .select(['tags.id', 'tags.name', 'tags.kind', 'tags.name_key'])
      .select((eb) => eb.fn.count<number>('works.id').distinct().as('uses'));
    const total = await this.db
      .selectFrom(grouped.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await grouped
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .orderBy('tags.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map((r) => ({ name: r.name, kind: r.kind as TagKind, works: Number(r.uses) })),
      total: Number(total.n),
    };
  }

  /** Series with at least one public work, most recently changed first. */
  async series(limit: number, offset: number): Promise<Slice<CatalogSeries>> {
    const at = now();
    const grouped = this.db
      .selectFrom('series')
      .innerJoin('series_works', 'series_works.series_id', 'series.id')
      .innerJoin('works', 'works.id', 'series_works.work_id')
      .where((eb) => visibleTo(null, at)(eb))
      .where('series.hidden_at', 'is', null)
      .groupBy(['series.id', 'series.title', 'series.summary', 'series.created_at', 'series.updated_at'])
      .select(['series.id', 'series.title', 'series.summary', 'series.created_at', 'series.updated_at'])
      .select((eb) => [
        eb.fn.countAll<number>().as('works'),
        eb.fn.max(sql<string>`coalesce(works.revised_at, works.published_at)`).as('latest'),
      ]);
    const total = await this.db
      .selectFrom(grouped.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await grouped
      .orderBy('latest', 'desc')
      .orderBy('series.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        summary: r.summary,
        createdAt: r.created_at,
        updatedAt: [r.updated_at, r.latest ?? ''].sort().at(-1)!,
        works: Number(r.works),
      })),
      total: Number(total.n),
    };
  }

  /** When anything a guest can see last changed: the archive's newest update. */
  async lastChange(): Promise<string | undefined> {
    const at = now();
    const row = await this.db
      .selectFrom('works')
      .where((eb) => visibleTo(null, at)(eb))
      .select((eb) => [
        eb.fn.max('works.updated_at').as('updated'),
        eb.fn.max('works.revised_at').as('revised'),
        eb.fn.max('works.published_at').as('published'),
      ])
      .executeTakeFirstOrThrow();
    return [row.updated, row.revised, row.published]
      .filter((t): t is string => typeof t === 'string')
      .sort()
      .at(-1);
  }
}
