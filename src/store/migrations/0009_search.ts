import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { refreshSearchText } from '../search-text.ts';
import type { AnyDb } from './shared.ts';

export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // Full-text search over each work's title, summary, notes, tags, creators and series titles
      // (rebuilt by refreshSearchText in the writes that change them), and over chapter text
      // (kept by triggers). Tokens are words in any script, case folded, accents kept, the same
      // on both engines, so a query finds the same works on either.
      if (dialect === 'sqlite') {
        await sql`create virtual table work_search using fts5(title, summary, notes, tags, creators, series, tokenize = 'unicode61 remove_diacritics 0')`.execute(
          db,
        );
        await sql`create trigger works_search_delete after delete on works begin delete from work_search where rowid = old.id; end`.execute(
          db,
        );
        await sql`create virtual table chapter_search using fts5(body, content = 'chapters', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0')`.execute(
          db,
        );
        await sql`create trigger chapters_search_insert after insert on chapters begin insert into chapter_search (rowid, body) values (new.id, new.body); end`.execute(
          db,
        );
        await sql`create trigger chapters_search_delete after delete on chapters begin insert into chapter_search (chapter_search, rowid, body) values ('delete', old.id, old.body); end`.execute(
          db,
        );
        await sql`create trigger chapters_search_update after update of body on chapters begin insert into chapter_search (chapter_search, rowid, body) values ('delete', old.id, old.body); insert into chapter_search (rowid, body) values (new.id, new.body); end`.execute(
          db,
        );
        await sql`insert into chapter_search (chapter_search) values ('rebuild')`.execute(db);
      } else {
        await sql`create table work_search (work_id integer primary key references works (id) on delete cascade, document tsvector not null)`.execute(
          db,
        );
        await sql`create index work_search_document on work_search using gin (document)`.execute(db);
        await sql`create table chapter_search (chapter_id integer primary key references chapters (id) on delete cascade, work_id integer not null, document tsvector not null)`.execute(
          db,
        );
        await sql`create index chapter_search_document on chapter_search using gin (document)`.execute(db);
        await sql`create function chapter_search_sync() returns trigger language plpgsql as $$
          begin
            insert into chapter_search (chapter_id, work_id, document) values (new.id, new.work_id, to_tsvector('simple', new.body))
            on conflict (chapter_id) do update set work_id = excluded.work_id, document = excluded.document;
            return null;
          end $$`.execute(db);
        await sql`create trigger chapters_search_sync after insert or update of body, work_id on chapters for each row execute function chapter_search_sync()`.execute(
          db,
        );
        await sql`insert into chapter_search (chapter_id, work_id, document) select id, work_id, to_tsvector('simple', body) from chapters`.execute(
          db,
        );
      }
      let after = 0;
      for (;;) {
        const rows = await db
          .selectFrom('works')
          .select('id')
          .where('id', '>', after)
          .orderBy('id')
          .limit(500)
          .execute();
        if (rows.length === 0) break;
        await refreshSearchText(
          db,
          rows.map((r: { id: number }) => r.id),
        );
        after = rows[rows.length - 1].id;
      }
    },
  };
}
