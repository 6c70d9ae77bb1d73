import { sql } from 'kysely';
import type { DatabaseHandle } from '../store/database.ts';
import type { TextMatches } from './work-index.ts';
import { hasText, type SearchQuery } from '../domain/search-query.ts';

/** An FTS5 string literal: the words of a term or phrase, quoted, so nothing in it is an operator. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Works whose search text has every word and phrase of the query. With `ranked`, each with a rank
 * (lower is better): FTS5's bm25 on SQLite (title weighted most), ts_rank on PostgreSQL; without,
 * no rank is computed (it costs most of the time when a common word matches most works). With
 * insideStories a work also matches when one of its posted chapters holds them all.
 */
export async function matchText(handle: DatabaseHandle, query: SearchQuery, insideStories: boolean, ranked: boolean): Promise<TextMatches> {
  const ids: number[] = [];
  const ranks: number[] = [];
  const result: TextMatches = ranked ? { ids, ranks } : { ids };
  if (!hasText(query)) return result;
  const keep = (rows: unknown[][]) => {
    for (const row of rows) {
      ids.push(Number(row[0]));
      if (ranked) ranks.push(Number(row[1]));
    }
  };
  if (handle.sqlite) {
    // Rows come back as arrays, not objects: a common word can match most of the archive.
    const rows = (text: string) => handle.sqlite!.prepare(text).raw().all(expression) as unknown[][];
    const expression = [...query.terms, ...query.phrases].map(ftsPhrase).join(' AND ');
    keep(rows(ranked ? 'select rowid, bm25(work_search, 10.0, 3.0, 1.0, 5.0, 5.0, 4.0) from work_search where work_search match ?' : 'select rowid from work_search where work_search match ?'));
    if (insideStories) {
      keep(
        rows(
          ranked
            ? `select chapters.work_id, min(found.rank)
                from (select rowid as id, bm25(chapter_search) as rank from chapter_search where chapter_search match ? limit -1) found
                join chapters on chapters.id = found.id where chapters.draft = 0 group by chapters.work_id`
            : 'select distinct chapters.work_id from chapter_search join chapters on chapters.id = chapter_search.rowid where chapter_search match ? and chapters.draft = 0',
        ),
      );
    }
    return result;
  }
  const db = handle.db;
  const parts = [...query.terms.map((t) => sql`plainto_tsquery('simple', ${t})`), ...query.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`)];
  const tsquery = sql.join(parts, sql` && `);
  const rank = ranked ? sql`-ts_rank(document, q)` : sql`0`;
  keep((await sql<{ work_id: number; rank: number }>`select work_id, ${rank} as rank from work_search, (select ${tsquery} as q) query where document @@ q`.execute(db)).rows.map((r) => [r.work_id, r.rank]));
  if (insideStories) {
    const best = ranked ? sql`min(-ts_rank(document, q))` : sql`0`;
    keep(
      (
        await sql<{ work_id: number; rank: number }>`select chapter_search.work_id, ${best} as rank from chapter_search join chapters on chapters.id = chapter_search.chapter_id, (select ${tsquery} as q) query
          where document @@ q and chapters.draft = 0 group by chapter_search.work_id`.execute(db)
      ).rows.map((r) => [r.work_id, r.rank]),
    );
  }
  return result;
}
