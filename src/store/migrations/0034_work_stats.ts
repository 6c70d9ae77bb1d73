import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Statistics for writers: each work's figures per UTC day (the changes of its counters that day,
 * written in the same transaction as the counters), the day they began to be kept, and how far
 * into a work each member got (the furthest chapter opened, not only the last one), indexed by
 * work for the writer's chapter-by-chapter figures.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      // The page reads up to a year of days for each of a writer's works: one range of the
      // primary key per work. SQLite keeps the rows themselves in key order (WITHOUT ROWID);
      // PostgreSQL's key carries the figures, so the range is read from the index alone.
      if (dialect === 'postgres') {
        await sql`create table work_stats_daily (
          work_id integer not null references works (id) on delete cascade,
          day varchar(10) not null,
          hits integer not null default 0,
          kudos integer not null default 0,
          comments integer not null default 0,
          bookmarks integer not null default 0,
          subscriptions integer not null default 0,
          constraint work_stats_daily_pk primary key (work_id, day) include (hits, kudos, comments, bookmarks, subscriptions)
        )`.execute(db);
      } else {
        let table = db.schema
          .createTable('work_stats_daily')
          .addColumn('work_id', 'integer', (col) => col.notNull().references('works.id').onDelete('cascade'))
          .addColumn('day', 'varchar(10)', (col) => col.notNull());
        for (const figure of ['hits', 'kudos', 'comments', 'bookmarks', 'subscriptions'])
          table = table.addColumn(figure, 'integer', (col) => col.notNull().defaultTo(0));
        await table
          .addPrimaryKeyConstraint('work_stats_daily_pk', ['work_id', 'day'])
          .modifyEnd(sql`without rowid`)
          .execute();
      }
      await db
        .insertInto('site_settings')
        .values({ key: 'work_stats_since', value: new Date().toISOString().slice(0, 10) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      await db.schema.alterTable('readings').addColumn('furthest_position', 'integer').execute();
      // The best known so far: the chapter last opened (the furthest is at least that one).
      await sql`update readings set furthest_position = (select chapters.position from chapters where chapters.id = readings.chapter_id) where readings.chapter_id is not null`.execute(
        db,
      );
      await db.schema
        .createIndex('readings_work_reach')
        .on('readings')
        .columns(['work_id', 'furthest_position'])
        .execute();
    },
  };
}
