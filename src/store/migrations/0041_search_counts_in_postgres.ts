import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * What lets PostgreSQL answer a listing (SEARCH_ENGINE=postgres, src/search/pg-index.ts) without
 * reading every work, and a large one from narrow rows:
 *
 * - `work_filters` loses the words of each work's text to `work_words` (text search only): the
 *   rows a tag filter reads and counts are a third as wide. It gains who a work is listed to
 *   (`listed`: 0 everyone, 1 members only, null nobody: a draft, hidden, unrevealed or
 *   unpublished; works scheduled for later count, and a listing takes them off while their time
 *   has not come) and the language, completeness and word count filters ask for, so that most
 *   listings need no column of `works` but the page's sort key.
 * - `tag_work_counts`: per audience (0: guests, who see public works; 1: members, who see public
 *   and registered ones) and tag, how many listed works are filed under it; tag 0 counts the works
 *   themselves (a listing's total). With each tag's kind, so that each kind's most used tags are
 *   read from an index (a tag's kind never changes).
 * - The counts follow work_filters where its rows are rebuilt: the trigger that rebuilds a work's
 *   row when its transaction commits (work_filters_follow) locks the rows it rebuilds, notes what
 *   they counted for before and after, and applies the difference in one statement, the counts
 *   locked in order (transactions that change the same tags wait in turn, none deadlocks). A row
 *   deleted with its work notes what it counted for and asks the same trigger to apply it.
 * - Filling (the first process that searches this way, and the corpus loader) rebuilds rows
 *   directly and then counts everything again (tag_work_counts_recount). An archive that kept
 *   the rows before this migration is filled again (its rows are emptied here).
 *
 * Indexes for the title and creator sorts on work_filters; the other sorts' indexes are on works
 * and made with the triggers (keepWorkFilters), so an archive searched in memory does not pay for
 * them on every counter update. SQLite has no use for any of it.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      // Filled again by the next process that searches by PostgreSQL (keepWorkFilters), in the new shape.
      await sql`truncate work_filters, work_filters_stale`.execute(db);
      await sql`delete from site_settings where key = 'work_filters'`.execute(db);
      await sql`alter table work_filters drop column words, add column listed smallint, add column language varchar(10),
        add column complete integer, add column word_count integer`.execute(db);
      await sql`create table work_words (
        work_id integer primary key references works (id) on delete cascade,
        words text[] not null
      )`.execute(db);
      await sql`create index work_words_words on work_words using gin (words)`.execute(db);
      await sql`create table tag_work_counts (
        audience smallint not null,
        tag_id integer not null,
        kind varchar(20) not null,
        works integer not null,
        primary key (audience, tag_id)
      )`.execute(db);
      // Each kind's most used tags first (a tag's kind never changes).
      await sql`create index tag_work_counts_most on tag_work_counts (audience, kind, works desc, tag_id)`.execute(db);
      // Differences waiting for the end of their transaction (each transaction applies and removes its own).
      await sql`create table tag_work_counts_pending (audience smallint not null, tag_id integer not null, works integer not null)`.execute(
        db,
      );
      // The (audience, tag) pairs one work_filters row counts for: each of its tags and tag 0, for
      // guests if it is public, for members if it is public or registered.
      await sql`create function work_filters_counted(listed smallint, tag_ids integer[])
        returns table (audience smallint, tag_id integer) language sql immutable parallel safe as $$
        select a::smallint, t from unnest(case listed when 0 then array[0, 1] when 1 then array[1] else '{}'::int[] end) a,
          unnest(tag_ids || 0) t
      $$`.execute(db);
      await sql`create function tag_work_counts_apply() returns void language sql as $$
        with d as (delete from tag_work_counts_pending returning audience, tag_id, works)
        insert into tag_work_counts (audience, tag_id, kind, works)
        select d.audience, d.tag_id, coalesce(min(t.kind), ''), sum(d.works) from d left join tags t on t.id = d.tag_id
        group by d.audience, d.tag_id having sum(d.works) <> 0 order by d.audience, d.tag_id
        on conflict (audience, tag_id) do update set works = tag_work_counts.works + excluded.works
      $$`.execute(db);
      // Counts every row again; the lock makes rebuilds committing meanwhile apply their difference afterwards.
      await sql`create function tag_work_counts_recount() returns void language plpgsql as $$
        begin
          lock table tag_work_counts in exclusive mode;
          delete from tag_work_counts;
          insert into tag_work_counts (audience, tag_id, kind, works)
          select c.audience, c.tag_id, coalesce(t.kind, ''), c.n from (
            select c.audience, c.tag_id, count(*) as n from work_filters f, work_filters_counted(f.listed, f.tag_ids) c
            where f.listed is not null group by c.audience, c.tag_id) c left join tags t on t.id = c.tag_id;
        end $$`.execute(db);

      await sql`create or replace function work_filters_refresh(ids integer[]) returns void language sql as $$
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
            array_agg(distinct p.user_id order by p.user_id) as user_ids
          from creatorships c join pseuds p on p.id = c.pseud_id
          where c.work_id in (select id from wanted) and c.accepted = 1 group by c.work_id
        )
        insert into work_filters (work_id, tag_ids, fandoms, creator_user_ids, creator_key, title_key, listed, language, complete, word_count)
        select w.id,
          coalesce(e.tag_ids, '{}'),
          coalesce(fd.n, 0),
          case when w.anonymous = 1 then '{}' else coalesce(cr.user_ids, '{}') end,
          case when w.anonymous = 1 then '' else lower(coalesce(cr.first_name, '')) end,
          lower(w.title),
          case when w.hidden_at is null and w.unrevealed = 0 and w.published_at is not null
            then case w.visibility when 'public' then 0 when 'registered' then 1 end end,
          w.language, w.complete, w.word_count
        from works w
          left join effective e on e.work_id = w.id
          left join fandoms fd on fd.work_id = w.id
          left join creators cr on cr.work_id = w.id
        where w.id in (select id from wanted)
        order by w.id
        on conflict (work_id) do update set tag_ids = excluded.tag_ids, fandoms = excluded.fandoms,
          creator_user_ids = excluded.creator_user_ids, creator_key = excluded.creator_key,
          title_key = excluded.title_key, listed = excluded.listed, language = excluded.language,
          complete = excluded.complete, word_count = excluded.word_count
        -- A change that leaves the row as it was (kudos, hits, comments) writes nothing, and the GIN index stays as it is.
        where (work_filters.tag_ids, work_filters.fandoms, work_filters.creator_user_ids, work_filters.creator_key,
            work_filters.title_key, work_filters.listed, work_filters.language, work_filters.complete, work_filters.word_count)
          is distinct from (excluded.tag_ids, excluded.fandoms, excluded.creator_user_ids, excluded.creator_key,
            excluded.title_key, excluded.listed, excluded.language, excluded.complete, excluded.word_count);

        with
        wanted as (select distinct unnest(ids) as id),
        creators as (
          select c.work_id,
            string_agg(case when p.name = u.login then p.name else p.name || ' ' || u.login end, ' ') as names
          from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id
          where c.work_id in (select id from wanted) and c.accepted = 1 group by c.work_id
        ),
        in_series as (
          select sw.work_id, string_agg(s.title, ' ') as titles
          from series_works sw join series s on s.id = sw.series_id
          where sw.work_id in (select id from wanted) group by sw.work_id
        )
        insert into work_words (work_id, words)
        select w.id,
          quire_words(concat_ws(' ', w.title, quire_html_words(w.summary), quire_html_words(w.notes), quire_html_words(w.end_notes),
            case when w.anonymous = 1 then '' else coalesce(cr.names, '') || ' ' || coalesce(se.titles, '') end))
        from works w
          left join creators cr on cr.work_id = w.id
          left join in_series se on se.work_id = w.id
        where w.id in (select id from wanted)
        order by w.id
        on conflict (work_id) do update set words = excluded.words where work_words.words is distinct from excluded.words
      $$`.execute(db);

      await sql`create or replace function work_filters_follow() returns trigger language plpgsql as $$
        declare
          stale integer[];
          before jsonb;
        begin
          if not exists (select 1 from work_filters_stale where work_id = new.work_id) then return null; end if;
          with gone as (delete from work_filters_stale returning work_id) select array_agg(distinct work_id) into stale from gone;
          -- What the rows counted for before; locked, so that a rebuild of the same works committing
          -- meanwhile finishes first and this one counts from its rows.
          select coalesce(jsonb_agg(jsonb_build_array(r.work_id, r.listed, r.tag_ids)), '[]') into before
            from (select work_id, listed, tag_ids from work_filters where work_id = any(stale) order by work_id for update) r;
          perform work_filters_refresh(stale);
          -- Only rows whose audience or tags changed count differently (not a kudos, a hit or a comment).
          insert into tag_work_counts_pending (audience, tag_id, works)
          with was as (
            select (e->>0)::int as work_id, (e->>1)::smallint as listed,
              array(select jsonb_array_elements_text(e->2)::int) as tag_ids
            from jsonb_array_elements(before) e
          ),
          is_now as (select work_id, listed, tag_ids from work_filters where work_id = any(stale)),
          changed as (
            select b.listed as old_listed, b.tag_ids as old_tags, n.listed as new_listed, n.tag_ids as new_tags
            from was b full join is_now n on n.work_id = b.work_id
            where (b.listed, b.tag_ids) is distinct from (n.listed, n.tag_ids)
          )
          select c.audience, c.tag_id, -1 from changed, work_filters_counted(changed.old_listed, changed.old_tags) c
          union all
          select c.audience, c.tag_id, 1 from changed, work_filters_counted(changed.new_listed, changed.new_tags) c;
          perform tag_work_counts_apply();
          return null;
        end $$`.execute(db);
      // A row deleted with its work: what it counted for goes when the transaction commits (by the trigger above).
      await sql`create function work_filters_gone() returns trigger language plpgsql as $$
        begin
          insert into tag_work_counts_pending (audience, tag_id, works)
            select c.audience, c.tag_id, -1 from gone f, work_filters_counted(f.listed, f.tag_ids) c;
          insert into work_filters_stale (work_id) select work_id from gone where listed is not null limit 1;
          return null;
        end $$`.execute(db);
      await sql`create trigger work_filters_gone after delete on work_filters
        referencing old table as gone for each statement execute function work_filters_gone()`.execute(db);

      await sql`create index work_filters_title on work_filters (title_key collate "C", work_id desc)`.execute(db);
      await sql`create index work_filters_creator on work_filters (creator_key collate "C", work_id desc)`.execute(db);
      await sql`create index work_filters_creator_users on work_filters using gin (creator_user_ids)`.execute(db);
    },
  };
}
