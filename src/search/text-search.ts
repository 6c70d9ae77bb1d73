import { sql } from 'kysely';
import type { Db } from '../store/database.ts';
import { isSqlite } from '../store/search-text.ts';
import { hasText, type SearchQuery } from '../domain/search-query.ts';

/** An FTS5 string literal: the words of a term or phrase, quoted, so nothing in it is an operator. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Works whose search text has every word and phrase of the query, with a rank (lower is better):
 * FTS5's bm25 on SQLite (title weighted most), ts_rank on PostgreSQL. With insideStories a work
 * also matches when one of its posted chapters holds them all.
 */
export async function matchText(db: Db, query: SearchQuery, insideStories: boolean): Promise<Map<number, number>> {
  const matches = new Map<number, number>();
  if (!hasText(query)) return matches;
  const keep = (rows: { work_id: number; rank: number }[]) => {
    for (const row of rows) {
      const rank = Number(row.rank);
      const known = matches.get(Number(row.work_id));
      if (known === undefined || rank < known) matches.set(Number(row.work_id), rank);
    }
  };
  if (isSqlite(db)) {
    const expression = [...query.terms, ...query.phrases].map(ftsPhrase).join(' AND ');
    keep((await sql<{ work_id: number; rank: number }>`select rowid as work_id, bm25(work_search, 10.0, 3.0, 1.0, 5.0, 5.0, 4.0) as rank from work_search where work_search match ${expression}`.execute(db)).rows);
    if (insideStories) {
      keep(
        (
          await sql<{ work_id: number; rank: number }>`select chapters.work_id as work_id, min(found.rank) as rank
            from (select rowid as id, bm25(chapter_search) as rank from chapter_search where chapter_search match ${expression} limit -1) found
            join chapters on chapters.id = found.id where chapters.draft = 0 group by chapters.work_id`.execute(db)
        ).rows,
      );
    }
    return matches;
  }
  const parts = [...query.terms.map((t) => sql`plainto_tsquery('simple', ${t})`), ...query.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`)];
  const tsquery = sql.join(parts, sql` && `);
  keep((await sql<{ work_id: number; rank: number }>`select work_id, -ts_rank(document, q) as rank from work_search, (select ${tsquery} as q) query where document @@ q`.execute(db)).rows);
  if (insideStories) {
    keep(
      (
        await sql<{ work_id: number; rank: number }>`select chapter_search.work_id, min(-ts_rank(document, q)) as rank from chapter_search join chapters on chapters.id = chapter_search.chapter_id, (select ${tsquery} as q) query
          where document @@ q and chapters.draft = 0 group by chapter_search.work_id`.execute(db)
      ).rows,
    );
  }
  return matches;
}
