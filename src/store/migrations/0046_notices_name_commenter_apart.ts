import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Comment and reply notices no longer carry who wrote the comment: the app names the commenter
 * when it shows the notice, by the rule that signs a creator's comment on an anonymous work
 * "Anonymous Creator". Notices written before lose the name they began with, or it would be shown twice.
 */
export function migration(dialect: Dialect): Migration {
  const position = dialect === 'postgres' ? sql.raw('strpos') : sql.raw('instr');
  return {
    async up(db: AnyDb) {
      for (const [kind, phrase] of [
        ['comment', ' commented on '],
        ['reply', ' replied to your comment on '],
      ]) {
        await sql`update notifications set message = substr(message, ${position}(message, ${phrase}) + 1)
          where kind = ${kind} and ${position}(message, ${phrase}) > 0`.execute(db);
      }
    },
  };
}
