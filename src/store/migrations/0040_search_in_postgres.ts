import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Searching by PostgreSQL itself (SEARCH_ENGINE=postgres, src/search/pg-index.ts): per work what
 * the in-memory index derives from several tables, kept in `work_filters`: its effective tags (a
 * synonym's canonical tag and the same-kind meta tags above it, as src/domain/tags.ts files them)
 * in a GIN-indexed array, its distinct canonical fandoms (crossovers), its creators' accounts
 * (mutes), the sort keys of title and first creator, and the words of its own text (title,
 * summary, notes, creators, series titles) split as the in-memory text index splits them.
 *
 * The rows follow the work change log: every write that changes what the index holds notes the
 * work in work_changes inside its transaction, and the rows of those works are rebuilt when that
 * transaction commits (a deferred trigger: the log entry may be written before the write itself).
 * The triggers that keep the rows, and the rows themselves, are made by the first process that
 * searches this way (keepWorkFilters in src/search/pg-index.ts): an archive on the in-memory index
 * pays neither the filling (minutes at a million works) nor a rebuild on every write.
 * SQLite has no use for any of it: there the in-memory index is the only way to search.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      // The words of a text as src/domain/search-query.ts's `words` splits it: lower case, runs of
      // letters and digits in any script.
      await sql`create function quire_words(text) returns text[] language sql immutable parallel safe as $$
        select coalesce(array(select distinct w from unnest(regexp_split_to_array(lower(normalize($1, NFC)), '[^[:alnum:]]+')) w where w <> ''), '{}')
      $$`.execute(db);
      await sql`create function quire_html_words(text) returns text language sql immutable parallel safe as $$
        select regexp_replace($1, '<[^>]*>|&(nbsp|amp|lt|gt|quot|#39);', ' ', 'g')
      $$`.execute(db);
      await sql`create table work_filters (
        work_id integer primary key references works (id) on delete cascade,
        tag_ids integer[] not null,
        fandoms integer not null,
        creator_user_ids integer[] not null,
        creator_key text not null,
        title_key text not null,
        words text[] not null
      )`.execute(db);
      await sql`create function work_filters_refresh(ids integer[]) returns void language sql as $$
        with recursive
        wanted as (select distinct unnest(ids) as id),
        work_tags as (select g.work_id, g.tag_id from taggings g where g.work_id in (select id from wanted)),
        filed as (
          select t.id as tag_id, coalesce(m.id, t.id) as filed_id, coalesce(m.kind, t.kind) as kind, t.kind as own_kind
          from tags t left join tags m on m.id = t.merger_id
          where t.id in (select tag_id from work_tags)
        ),
        closure (tag_id, id, kind) as (
          select tag_id, filed_id, kind from filed
          union
          select c.tag_id, p.id, p.kind from closure c
            join tag_parents tp on tp.child_id = c.id
            join tags p on p.id = tp.parent_id and p.kind = c.kind
        ),
        effective as (
          select wt.work_id, array_agg(distinct c.id order by c.id) as tag_ids
          from work_tags wt join closure c on c.tag_id = wt.tag_id group by wt.work_id
        ),
        fandoms as (
          select wt.work_id, count(distinct f.filed_id) as n
          from work_tags wt join filed f on f.tag_id = wt.tag_id where f.own_kind = 'fandom' group by wt.work_id
        ),
        creators as (
          select c.work_id,
            (array_agg(p.name order by c.position, c.pseud_id))[1] as first_name,
            array_agg(distinct p.user_id order by p.user_id) as user_ids,
            string_agg(case when p.name = u.login then p.name else p.name || ' ' || u.login end, ' ') as names
          from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id
          where c.work_id in (select id from wanted) and c.accepted = 1 group by c.work_id
        ),
        in_series as (
          select sw.work_id, string_agg(s.title, ' ') as titles
          from series_works sw join series s on s.id = sw.series_id
          where sw.work_id in (select id from wanted) group by sw.work_id
        )
        insert into work_filters (work_id, tag_ids, fandoms, creator_user_ids, creator_key, title_key, words)
        select w.id,
          coalesce(e.tag_ids, '{}'),
          coalesce(fd.n, 0),
          case when w.anonymous = 1 then '{}' else coalesce(cr.user_ids, '{}') end,
          case when w.anonymous = 1 then '' else lower(coalesce(cr.first_name, '')) end,
          lower(w.title),
          quire_words(concat_ws(' ', w.title, quire_html_words(w.summary), quire_html_words(w.notes), quire_html_words(w.end_notes),
            case when w.anonymous = 1 then '' else coalesce(cr.names, '') || ' ' || coalesce(se.titles, '') end))
        from works w
          left join effective e on e.work_id = w.id
          left join fandoms fd on fd.work_id = w.id
          left join creators cr on cr.work_id = w.id
          left join in_series se on se.work_id = w.id
        where w.id in (select id from wanted)
        order by w.id
        on conflict (work_id) do update set tag_ids = excluded.tag_ids, fandoms = excluded.fandoms,
          creator_user_ids = excluded.creator_user_ids, creator_key = excluded.creator_key,
          title_key = excluded.title_key, words = excluded.words
        -- A change that leaves the row as it was (kudos, hits, comments) writes nothing, and the GIN indexes stay as they are.
        where (work_filters.tag_ids, work_filters.fandoms, work_filters.creator_user_ids, work_filters.creator_key,
            work_filters.title_key, work_filters.words)
          is distinct from (excluded.tag_ids, excluded.fandoms, excluded.creator_user_ids, excluded.creator_key,
            excluded.title_key, excluded.words)
      $$`.execute(db);

      // Works noted in the change log wait here until their transaction commits.
      await sql`create table work_filters_stale (work_id integer not null)`.execute(db);
      await sql`create index work_filters_stale_work on work_filters_stale (work_id)`.execute(db);
      await sql`create function work_filters_note() returns trigger language plpgsql as $$
        begin
          insert into work_filters_stale (work_id) select distinct work_id from added;
          return null;
        end $$`.execute(db);
      // Fires per waiting row at commit: the first rebuilds every work its transaction noted, the rest find theirs gone.
      await sql`create function work_filters_follow() returns trigger language plpgsql as $$
        declare stale integer[];
        begin
          if not exists (select 1 from work_filters_stale where work_id = new.work_id) then return null; end if;
          with gone as (delete from work_filters_stale returning work_id) select array_agg(distinct work_id) into stale from gone;
          perform work_filters_refresh(stale);
          return null;
        end $$`.execute(db);

      await sql`create index work_filters_tags on work_filters using gin (tag_ids)`.execute(db);
      await sql`create index work_filters_words on work_filters using gin (words)`.execute(db);
      await sql`create index tags_name_words on tags using gin (quire_words(name))`.execute(db);
    },
  };
}
