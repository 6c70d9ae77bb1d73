import { randomBytes } from 'node:crypto';
import { now, type Db } from './database.ts';
import { tokenId } from './sessions.ts';
import { NotFoundError } from '../domain/errors.ts';

/** A personal API token as its owner sees it listed: never the token itself, which is shown once. */
export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Recognisable by secret scanners and by people: "quire_" and 43 random base64url characters. */
export const API_TOKEN_PREFIX = 'quire_';

/** last_used_at is written at most this often per token, so reads do not each cost a write. */
const LAST_USED_PRECISION_MS = 60_000;

export class ApiTokenStore {
  constructor(private readonly db: Db) {}

  /** Creates a token and returns it: the only time the token itself is known. */
  async create(userId: number, name: string): Promise<{ token: string; apiToken: ApiToken }> {
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const createdAt = now();
    const row = await this.db
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: tokenId(token), created_at: createdAt, last_used_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { token, apiToken: { id: row.id, userId, name, createdAt, lastUsedAt: null } };
  }

  async listForUser(userId: number): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  async countForUser(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Revokes one of the user's own tokens; it stops working at once. */
  async revoke(userId: number, id: number): Promise<void> {
    const result = await this.db
      .deleteFrom('api_tokens')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError('You have no such API token.');
  }

  /** The token's owner and the token's id, when the token is live; notes that it was used. */
  async authenticate(token: string): Promise<{ userId: number; tokenId: number } | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'last_used_at'])
      .where('token_hash', '=', tokenId(token))
      .executeTakeFirst();
    if (!row) return undefined;
    const at = now();
    if (row.last_used_at === null || Date.parse(at) - Date.parse(row.last_used_at) >= LAST_USED_PRECISION_MS) {
      await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
    }
    return { userId: row.user_id, tokenId: row.id };
  }
}
