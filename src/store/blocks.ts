import { now, type Db, type Tx } from './database.ts';

/** Blocking: a blocked user cannot comment on the blocker's works, reply to them, or give them gifts. */
export class BlockStore {
  constructor(private readonly db: Db) {}

  async block(blockerId: number, blockedId: number): Promise<void> {
    if (blockerId === blockedId) return;
    await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now() })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(blockerId: number, blockedId: number): Promise<void> {
    await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .execute();
  }

  /** The ids of users who blocked this one, among the given users (e.g. a work's creators). */
  async blockedBy(blockedId: number, amongUserIds: number[], db: Db | Tx = this.db): Promise<number[]> {
    if (amongUserIds.length === 0) return [];
    const rows = await blockedByQuery(db, blockedId, amongUserIds).execute();
    return rows.map((r) => r.blocker_id);
  }

  async listBlocked(blockerId: number): Promise<{ userId: number; login: string; since: string }[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .innerJoin('users', 'users.id', 'blocks.blocked_id')
      .select(['users.id', 'users.login', 'blocks.created_at'])
      .where('blocks.blocker_id', '=', blockerId)
      .orderBy('users.login_key')
      .execute();
    return rows.map((r) => ({ userId: r.id, login: r.login, since: r.created_at }));
  }
}

/** Who among these users (at least one) blocked this one. */
export function blockedByQuery(db: Db | Tx, blockedId: number, amongUserIds: number[]) {
  return db
    .selectFrom('blocks')
    .select('blocker_id')
    .where('blocked_id', '=', blockedId)
    .where('blocker_id', 'in', amongUserIds);
}
