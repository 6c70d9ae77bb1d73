import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Per-fandom sidebar counts for searching by PostgreSQL (SEARCH_ENGINE=postgres,
 * src/search/pg-index.ts): a listing of one fandom (the commonest filtered listing) answered like
 * the unfiltered one, its total and sidebar read from counts kept as works change and its page
 * walked in the sort's index, instead of reading and counting every work of the fandom.
 *
 * - `fandom_tag_work_counts`: per audience (as tag_work_counts: 0 guests, 1 members), fandom and
 *   tag, how many listed works filed under that fandom (a fandom tag in work_filters.tag_ids, so a
 *   meta fandom counts the works of its subtags) are filed under the tag; tag 0 counts the
 *   fandom's works. With each tag's kind, so that each kind's most used tags are read from an index.
 * - Kept by the same commit-time trigger as tag_work_counts (work_filters_follow and
 *   work_filters_gone, replaced here), the difference applied after tag_work_counts' and in key
 *   order, so that writers lock both in the same order; counted again with it
 *   (tag_work_counts_recount, replaced here). An archive already kept is counted here.
 *
 * SQLite has no use for any of it.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      await sql`create table fandom_tag_work_counts (
        audience smallint not null,
        fandom_id integer not null,
        tag_id integer not null,
        kind varchar(20) not null,
        works integer not null,
        primary key (audience, fandom_id, tag_id)
      )`.execute(db);
      await sql`create index fandom_tag_work_counts_most on fandom_tag_work_counts (audience, fandom_id, kind, works desc, tag_id)`.execute(
        db,
      );
      await sql`create table fandom_tag_work_counts_pending (
        audience smallint not null, fandom_id integer not null, tag_id integer not null, works integer not null
      )`.execute(db);
      // The (audience, fandom, tag) triples one work_filters row counts for: each (audience, tag)
      // pair of work_filters_counted under each fandom the row is filed under.
      await sql`create function work_filters_fandom_counted(listed smallint, tag_ids integer[])
        returns table (audience smallint, fandom_id integer, tag_id integer) language sql stable parallel safe as $$
        select c.audience, t.id, c.tag_id from work_filters_counted(listed, tag_ids) c,
          (select id from tags where id = any(tag_ids) and kind = 'fandom') t
      $$`.execute(db);
      await sql`create function fandom_tag_work_counts_apply() returns void language sql as $$
        with d as (delete from fandom_tag_work_counts_pending returning audience, fandom_id, tag_id, works)
        insert into fandom_tag_work_counts (audience, fandom_id, tag_id, kind, works)
        select d.audience, d.fandom_id, d.tag_id, coalesce(min(t.kind), ''), sum(d.works)
        from d left join tags t on t.id = d.tag_id
        group by d.audience, d.fandom_id, d.tag_id having sum(d.works) <> 0 order by d.audience, d.fandom_id, d.tag_id
        on conflict (audience, fandom_id, tag_id) do update set works = fandom_tag_work_counts.works + excluded.works
      $$`.execute(db);
      await sql`create function fandom_tag_work_counts_recount() returns void language plpgsql as $$
        begin
          lock table fandom_tag_work_counts in exclusive mode;
          delete from fandom_tag_work_counts;
          insert into fandom_tag_work_counts (audience, fandom_id, tag_id, kind, works)
          select c.audience, c.fandom_id, c.tag_id, coalesce(t.kind, ''), c.n from (
            select a.audience, fd.id as fandom_id, a.tag_id, count(*) as n
            from work_filters f
              cross join lateral unnest(f.tag_ids) fd (id)
              join (select id from tags where kind = 'fandom') fandoms on fandoms.id = fd.id
              cross join lateral work_filters_counted(f.listed, f.tag_ids) a
            where f.listed is not null group by a.audience, fd.id, a.tag_id) c left join tags t on t.id = c.tag_id;
        end $$`.execute(db);
      await sql`create or replace function tag_work_counts_recount() returns void language plpgsql as $$
        begin
          lock table tag_work_counts in exclusive mode;
          delete from tag_work_counts;
          insert into tag_work_counts (audience, tag_id, kind, works)
          select c.audience, c.tag_id, coalesce(t.kind, ''), c.n from (
            select c.audience, c.tag_id, count(*) as n from work_filters f, work_filters_counted(f.listed, f.tag_ids) c
            where f.listed is not null group by c.audience, c.tag_id) c left join tags t on t.id = c.tag_id;
          perform fandom_tag_work_counts_recount();
        end $$`.execute(db);

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
          with was as (
            select (e->>0)::int as work_id, (e->>1)::smallint as listed,
              array(select jsonb_array_elements_text(e->2)::int) as tag_ids
            from jsonb_array_elements(before) e
          ),
          is_now as (select work_id, listed, tag_ids from work_filters where work_id = any(stale)),
          changed as materialized (
            select b.listed as old_listed, b.tag_ids as old_tags, n.listed as new_listed, n.tag_ids as new_tags
            from was b full join is_now n on n.work_id = b.work_id
            where (b.listed, b.tag_ids) is distinct from (n.listed, n.tag_ids)
          ),
          by_tag as (
            insert into tag_work_counts_pending (audience, tag_id, works)
            select c.audience, c.tag_id, -1 from changed, work_filters_counted(changed.old_listed, changed.old_tags) c
            union all
            select c.audience, c.tag_id, 1 from changed, work_filters_counted(changed.new_listed, changed.new_tags) c
          )
          insert into fandom_tag_work_counts_pending (audience, fandom_id, tag_id, works)
          select c.audience, c.fandom_id, c.tag_id, -1 from changed, work_filters_fandom_counted(changed.old_listed, changed.old_tags) c
          union all
          select c.audience, c.fandom_id, c.tag_id, 1 from changed, work_filters_fandom_counted(changed.new_listed, changed.new_tags) c;
          perform tag_work_counts_apply();
          perform fandom_tag_work_counts_apply();
          return null;
        end $$`.execute(db);
      await sql`create or replace function work_filters_gone() returns trigger language plpgsql as $$
        begin
          insert into tag_work_counts_pending (audience, tag_id, works)
            select c.audience, c.tag_id, -1 from gone f, work_filters_counted(f.listed, f.tag_ids) c;
          insert into fandom_tag_work_counts_pending (audience, fandom_id, tag_id, works)
            select c.audience, c.fandom_id, c.tag_id, -1 from gone f, work_filters_fandom_counted(f.listed, f.tag_ids) c;
          insert into work_filters_stale (work_id) select work_id from gone where listed is not null limit 1;
          return null;
        end $$`.execute(db);

      const kept = await sql<{ value: string }>`select value from site_settings where key = 'work_filters'`.execute(db);
      if (kept.rows[0]?.value === 'counted') {
        await sql`select fandom_tag_work_counts_recount()`.execute(db);
        await sql`analyze fandom_tag_work_counts`.execute(db);
      }
    },
  };
}
