import { sql } from 'kysely';
import type { DatabaseHandle } from '../store/database.ts';
import type { TextMatches } from './work-index.ts';
import { hasText, type SearchQuery } from '../domain/search-query.ts';

/** An FTS5 string literal: the words of a term or phrase, quoted, so nothing in it is an operator. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Up to this many candidates are checked one by one (an FTS5 lookup by rowid); more, by one match over the whole index. */
const CHECK_EACH_UP_TO = 300;

/**
 * Which of the candidate works hold every phrase word for word (in their title, summary, notes,
 * tags, creators or series titles), unranked: the in-memory text index found the works that hold
 * the words; the database's full-text index knows their order.
 */
export async function matchPhrases(
  handle: DatabaseHandle,
  phrases: string[],
  candidates: ArrayLike<number>,
): Promise<Set<number>> {
  const found = new Set<number>();
  if (phrases.length === 0 || candidates.length === 0) return found;
  if (handle.sqlite) {
    const expression = phrases.map(ftsPhrase).join(' AND ');
    if (candidates.length <= CHECK_EACH_UP_TO) {
      // FTS5 turns a rowid range into a seek, but `rowid in (…)` into a filter after the whole
      // match; and with SQLite 3.51, a bound `rowid = ?` next to MATCH is ignored (a literal is not).
      const one = handle.sqlite
        .prepare('select rowid from work_search where work_search match @expression and rowid >= @id and rowid <= @id')
        .pluck();
      for (let i = 0; i < candidates.length; i++)
        if (one.get({ expression, id: candidates[i] }) === candidates[i]) found.add(candidates[i]);
      return found;
    }
    const wanted = new Set(Array.from(candidates));
    for (const id of handle.sqlite
      .prepare('select rowid from work_search where work_search match ?')
      .pluck()
      .all(expression) as number[])
      if (wanted.has(id)) found.add(id);
    return found;
  }
  const tsquery = sql.join(
    phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`),
    sql` && `,
  );
  if (candidates.length <= CHECK_EACH_UP_TO) {
    const rows = await sql<{
      work_id: number;
    }>`select work_id from work_search where work_id = any(${Array.from(candidates)}::int[]) and document @@ (${tsquery})`.execute(
      handle.db,
    );
    for (const row of rows.rows) found.add(Number(row.work_id));
    return found;
  }
  const wanted = new Set(Array.from(candidates));
  const rows = await sql<{ work_id: number }>`select work_id from work_search where document @@ (${tsquery})`.execute(
    handle.db,
  );
  for (const row of rows.rows) if (wanted.has(Number(row.work_id))) found.add(Number(row.work_id));
  return found;
}

/**
 * Works with a posted chapter whose text holds every word and phrase of the query ("search
 * inside stories"). With `ranked`, each with its best chapter's rank (lower is better): FTS5's
 * bm25 on SQLite, ts_rank on PostgreSQL; without, no rank is computed.
 */
export async function matchChapters(handle: DatabaseHandle, query: SearchQuery, ranked: boolean): Promise<TextMatches> {
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
    // Rows come back as arrays, not objects: a common word can match much of the archive.
    const expression = [...query.terms, ...query.phrases].map(ftsPhrase).join(' AND ');
    const text = ranked
      ? `select chapters.work_id, min(found.rank)
          from (select rowid as id, bm25(chapter_search) as rank from chapter_search where chapter_search match ? limit -1) found
          join chapters on chapters.id = found.id where chapters.draft = 0 and chapters.hidden_at is null group by chapters.work_id`
      : 'select distinct chapters.work_id from chapter_search join chapters on chapters.id = chapter_search.rowid where chapter_search match ? and chapters.draft = 0 and chapters.hidden_at is null';
    keep(handle.sqlite.prepare(text).raw().all(expression) as unknown[][]);
    return result;
  }
  const parts = [
    ...query.terms.map((t) => sql`plainto_tsquery('simple', ${t})`),
    ...query.phrases.map((p) => sql`phraseto_tsquery('simple', ${p})`),
  ];
  const tsquery = sql.join(parts, sql` && `);
  const best = ranked ? sql`min(-ts_rank(document, q))` : sql`0`;
  keep(
    (
      await sql<{
        work_id: number;
        rank: number;
      }>`select chapter_search.work_id, ${best} as rank from chapter_search join chapters on chapters.id = chapter_search.chapter_id, (select ${tsquery} as q) query
        where document @@ q and chapters.draft = 0 and chapters.hidden_at is null group by chapter_search.work_id`.execute(
        handle.db,
      )
    ).rows.map((r) => [r.work_id, r.rank]),
  );
  return result;
}
