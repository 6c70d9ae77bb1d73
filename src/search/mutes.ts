import type { Db } from '../store/database.ts';

export interface Mutes {
  tagIds: number[];
  userIds: number[];
}

/**
 * A reader's muted tags and users. The tags helper's store (src/store/mutes.ts `mutedFor`) is
 * the owner of this table; this reads it directly until the two are merged.
 */
export async function mutedFor(db: Db, userId: number): Promise<Mutes> {
  const rows = await db.selectFrom('mutes').select(['target_kind', 'target_id']).where('user_id', '=', userId).execute();
  return {
    tagIds: rows.filter((r) => r.target_kind === 'tag').map((r) => r.target_id),
    userIds: rows.filter((r) => r.target_kind === 'user').map((r) => r.target_id),
  };
}
