import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Db, Tx } from './database.ts';
import { noteWorksChanged } from './work-changes.ts';

/* Used by the 0009 migration as well, so it takes any Kysely handle. */
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** HTML (summaries, notes) as the words a reader sees. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchDocument {
  workId: number;
  title: string;
  summary: string;
  notes: string;
  tags: string;
  creators: string;
  series: string;
}

async function documentsOf(db: AnyDb, workIds: number[]): Promise<SearchDocument[]> {
  const works = await db
    .selectFrom('works')
    .select(['id', 'title', 'summary', 'notes', 'end_notes', 'anonymous'])
    .where('id', 'in', workIds)
    .execute();
  const tags = await db
    .selectFrom('taggings')
    .innerJoin('tags', 'tags.id', 'taggings.tag_id')
    .select(['taggings.work_id', 'tags.name'])
    .where('taggings.work_id', 'in', workIds)
    .execute();
  const creators = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['creatorships.work_id', 'pseuds.name', 'users.login'])
    .where('creatorships.work_id', 'in', workIds)
    .where('creatorships.accepted', '=', 1)
    .execute();
  const series = await db
    .selectFrom('series_works')
    .innerJoin('series', 'series.id', 'series_works.series_id')
    .select(['series_works.work_id', 'series.title'])
    .where('series_works.work_id', 'in', workIds)
    .execute();
  const join = <T extends { work_id: number }>(rows: T[], id: number, text: (row: T) => string) =>
    rows
      .filter((r) => r.work_id === id)
      .map(text)
      .join(' ');
  // An anonymous work is found by neither its creators' names nor their series (which would name them).
  const unnamed = (w: { anonymous: number }) => Number(w.anonymous) === 1;
  type Row = { id: number; title: string; summary: string; notes: string; end_notes: string; anonymous: number };
  return works.map((w: Row) => ({
    workId: w.id,
    title: w.title,
    summary: plainText(w.summary),
    notes: plainText(`${w.notes} ${w.end_notes}`),
    tags: join(tags as { work_id: number; name: string }[], w.id, (r) => r.name),
    creators: unnamed(w)
      ? ''
      : join(creators as { work_id: number; name: string; login: string }[], w.id, (r) =>
          r.name === r.login ? r.name : `${r.name} ${r.login}`,
        ),
    series: unnamed(w) ? '' : join(series as { work_id: number; title: string }[], w.id, (r) => r.title),
  }));
}

export function isSqlite(db: AnyDb | Db | Tx): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Writes the search documents as they are; SQLite keeps them in an FTS5 table, PostgreSQL as a weighted tsvector. */
export async function writeSearchDocuments(db: AnyDb | Db | Tx, docs: SearchDocument[]): Promise<void> {
  if (docs.length === 0) return;
  const handle = db as AnyDb;
  if (isSqlite(handle)) {
    await handle
      .deleteFrom('work_search')
      .where(
        'rowid',
        'in',
        docs.map((d) => d.workId),
      )
      .execute();
    await handle
      .insertInto('work_search')
      .values(
        docs.map((d) => ({
          rowid: d.workId,
          title: d.title,
          summary: d.summary,
          notes: d.notes,
          tags: d.tags,
          creators: d.creators,
          series: d.series,
        })),
      )
      .execute();
    return;
  }
  const values = sql.join(
    docs.map(
      (d) =>
        sql`(${d.workId}, setweight(to_tsvector('simple', ${d.title}), 'A') || setweight(to_tsvector('simple', ${`${d.tags} ${d.creators} ${d.series}`}), 'B') || setweight(to_tsvector('simple', ${d.summary}), 'C') || setweight(to_tsvector('simple', ${d.notes}), 'D'))`,
    ),
  );
  await sql`insert into work_search (work_id, document) values ${values} on conflict (work_id) do update set document = excluded.document`.execute(
    handle,
  );
}

/**
 * Rebuilds the search documents of these works from their rows (title, summary, notes, tags,
 * creators, series titles). Call it in the transaction of any write that changes one of those.
 */
export async function refreshSearchText(db: AnyDb | Db | Tx, workIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(workIds)];
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    const docs = await documentsOf(db as AnyDb, batch);
    const present = new Set(docs.map((d) => d.workId));
    const gone = batch.filter((id) => !present.has(id));
    if (gone.length > 0) {
      if (isSqlite(db as AnyDb)) await (db as AnyDb).deleteFrom('work_search').where('rowid', 'in', gone).execute();
      else await (db as AnyDb).deleteFrom('work_search').where('work_id', 'in', gone).execute();
    }
    await writeSearchDocuments(db, docs);
  }
}

/** A write that changed what a work looks like to searches: its text and its filters. */
export async function noteWorkTextChanged(tx: Db | Tx, workIds: number[]): Promise<void> {
  await noteWorksChanged(tx, workIds);
  await refreshSearchText(tx, workIds);
}
