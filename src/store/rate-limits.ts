import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** How often a key was counted in its current window, and when that window ends (ms since 1970). */
export interface RateLimitCount {
  count: number;
  resetsAt: number;
}

/** Rate-limit counters shared by every process of the archive. */
export interface RateLimitCounters {
  /** Counts one more for `key` and answers the new count; a window that has ended starts again at 1. */
  hit(key: string, windowMs: number): Promise<RateLimitCount>;
  /** The current count of `key` without counting; undefined when its window has ended or never began. */
  peek(key: string): Promise<RateLimitCount | undefined>;
  /** Forgets every window that has ended; answers how many. */
  prune(): Promise<number>;
}

const MAX_KEY_LENGTH = 255;

/** Keys hold what a visitor typed (a login name): a long one is kept as its hash, under the column's length. */
function storedKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `${key.slice(0, 64)}#${createHash('sha256').update(key).digest('hex')}`;
}

export class RateLimitCounterStore implements RateLimitCounters {
  constructor(private readonly db: Db) {}

  async hit(key: string, windowMs: number, now = Date.now()): Promise<RateLimitCount> {
    // One statement, so two processes counting the same key at once never lose a count; an ended
    // window restarts in that same statement (SET sees the old row on both engines).
    const ended = sql<boolean>`rate_limit_counters.expires_at <= ${now}`;
    const row = await this.db
      .insertInto('rate_limit_counters')
      .values({ key: storedKey(key), count: 1, expires_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when ${ended} then 1 else rate_limit_counters.count + 1 end`,
          expires_at: sql<number>`case when ${ended} then excluded.expires_at else rate_limit_counters.expires_at end`,
        }),
      )
      .returning(['count', 'expires_at'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), resetsAt: Number(row.expires_at) };
  }

  async peek(key: string, now = Date.now()): Promise<RateLimitCount | undefined> {
    const row = await this.db
      .selectFrom('rate_limit_counters')
      .select(['count', 'expires_at'])
      .where('key', '=', storedKey(key))
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? { count: Number(row.count), resetsAt: Number(row.expires_at) } : undefined;
  }

  /** Ends `key`'s window now: a limit on things in progress counts one less when one ends. */
  async forget(key: string): Promise<void> {
    await this.db.deleteFrom('rate_limit_counters').where('key', '=', storedKey(key)).execute();
  }

  async prune(now = Date.now()): Promise<number> {
    const result = await this.db.deleteFrom('rate_limit_counters').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
