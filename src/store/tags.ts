import { sql } from 'kysely';
import { now, type Db } from './database.ts';
import { tagKey, type TagKind } from '../domain/works.ts';

/** A tag offered while a writer types, with how many readable works use it. */
export interface TagSuggestion {
  name: string;
  uses: number;
}

/** Characters after which a new word of a tag name begins: "John Watson/Sherlock Holmes", "Sherlock (TV)". */
const WORD_BREAKS = [' ', '/', '(', '-', '"'];

/** The typed text as a LIKE pattern fragment that matches itself literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class TagStore {
  constructor(private readonly db: Db) {}

  /**
   * Tags of one kind matching what the writer has typed: names starting with it first, then
   * those with a word starting with it, then those merely containing it; within each, the
   * most used first. Only works readers can see count, so a tag that so far exists only on
   * someone's draft or scheduled work is never revealed.
   */
  async suggest(kind: TagKind, typed: string, limit: number): Promise<TagSuggestion[]> {
    const key = likeLiteral(tagKey(typed));
    if (key.length === 0 || limit <= 0) return [];
    // SQLite has no default LIKE escape character; PostgreSQL's is the backslash. Name it for both.
    const startsWith = sql<boolean>`tags.name_key like ${`${key}%`} escape '\\'`;
    const wordStartsWith = sql.join(
      WORD_BREAKS.map((mark) => sql`tags.name_key like ${`%${likeLiteral(mark)}${key}%`} escape '\\'`),
      sql` or `,
    );
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin('taggings', 'taggings.tag_id', 'tags.id')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .select(['tags.name', 'tags.name_key'])
      .select((eb) => eb.fn.countAll<number>().as('uses'))
      .where('tags.kind', '=', kind)
      .where(sql<boolean>`tags.name_key like ${`%${key}%`} escape '\\'`)
      .where('works.visibility', 'in', ['public', 'registered'])
      .where('works.published_at', '<=', now())
      .groupBy(['tags.id', 'tags.name', 'tags.name_key'])
      .orderBy(sql`case when ${startsWith} then 0 when ${wordStartsWith} then 1 else 2 end`)
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ name: row.name, uses: Number(row.uses) }));
  }

  /** Every tag of one kind on a work readers can see (drafts' tags stay private), for matching names in imported text. */
  async namesInUse(kind: TagKind): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin('taggings', 'taggings.tag_id', 'tags.id')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .select('tags.name')
      .distinct()
      .where('tags.kind', '=', kind)
      .where('works.visibility', 'in', ['public', 'registered'])
      .where('works.published_at', '<=', now())
      .execute();
    return rows.map((row) => row.name);
  }
}
