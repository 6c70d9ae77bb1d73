import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * PostgreSQL announces every new entry of the work change log on the channel
 * `quire_work_changes` (src/store/change-listener.ts listens), so the works index of each process
 * learns of other processes' writes without asking the database on every request. The payload is
 * `schema:id`: archives (and test runs) in other schemas of one database share the channel and
 * tell their own entries apart by it. SQLite has nothing to announce: a process there reads the
 * log's newest id in microseconds.
 */
export function migration(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return;
      // Once per statement with the newest id it added: noteWorksChanged adds up to 500 rows at once.
      await sql`create function work_changes_notify() returns trigger language plpgsql as $$
        declare newest integer;
        begin
          select max(id) into newest from added;
          if newest is not null then
            perform pg_notify('quire_work_changes', tg_table_schema || ':' || newest::text);
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger work_changes_notify after insert on work_changes
        referencing new table as added for each statement execute function work_changes_notify()`.execute(db);
    },
  };
}
