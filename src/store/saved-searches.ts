import { randomBytes } from 'node:crypto';
import { now, type Db } from './database.ts';

export interface SavedSearch {
  id: number;
  name: string;
  /** The query string of a /works search, without the leading "?". */
  query: string;
  /** Lets a feed reader fetch this search's Atom feed without a session. */
  feedToken: string;
  createdAt: string;
}

export class SavedSearchStore {
  constructor(private readonly db: Db) {}

  async create(userId: number, name: string, query: string): Promise<SavedSearch> {
    const row = await this.db
      .insertInto('saved_searches')
      .values({ user_id: userId, name, query, feed_token: randomBytes(24).toString('base64url'), created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, query: row.query, feedToken: row.feed_token, createdAt: row.created_at };
  }

  async listFor(userId: number): Promise<SavedSearch[]> {
    const rows = await this.db
      .selectFrom('saved_searches')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      query: row.query,
      feedToken: row.feed_token,
      createdAt: row.created_at,
    }));
  }

  async countFor(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('saved_searches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Deletes one of the user's own saved searches; false if there was none with that id. */
  async delete(userId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('saved_searches')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The saved search a feed token opens, with its owner. */
  async byFeedToken(token: string): Promise<(SavedSearch & { userId: number }) | undefined> {
    const row = await this.db
      .selectFrom('saved_searches')
      .selectAll()
      .where('feed_token', '=', token)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          name: row.name,
          query: row.query,
          feedToken: row.feed_token,
          createdAt: row.created_at,
          userId: row.user_id,
        }
      : undefined;
  }
}
