import { now, type Db } from './database.ts';
import { filterTagIds } from './tag-graph.ts';
import type { TagKind } from '../domain/works.ts';

export type MuteKind = 'tag' | 'user';

export type { Muted } from '../domain/work-filters.ts';
import type { Muted } from '../domain/work-filters.ts';

export interface MutedTag {
  id: number;
  kind: TagKind;
  name: string;
  mutedAt: string;
}

export interface MutedUser {
  id: number;
  login: string;
  mutedAt: string;
}

import { NOTHING_MUTED } from '../domain/work-filters.ts';

export { NOTHING_MUTED };

export class MuteStore {
  constructor(private readonly db: Db) {}

  async mute(userId: number, kind: MuteKind, targetId: number): Promise<void> {
    await this.db
      .insertInto('mutes')
      .values({ user_id: userId, target_kind: kind, target_id: targetId, created_at: now() })
      .onConflict((oc) => oc.columns(['user_id', 'target_kind', 'target_id']).doNothing())
      .execute();
  }

  async unmute(userId: number, kind: MuteKind, targetId: number): Promise<void> {
    await this.db
      .deleteFrom('mutes')
      .where('user_id', '=', userId)
      .where('target_kind', '=', kind)
      .where('target_id', '=', targetId)
      .execute();
  }

  async isMuted(userId: number, kind: MuteKind, targetId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('mutes')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('target_kind', '=', kind)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The tags and users whose works this reader never wants to see in lists and searches. */
  async mutedFor(userId: number | null): Promise<Muted> {
    if (userId === null) return NOTHING_MUTED;
    const rows = await this.db
      .selectFrom('mutes')
      .select(['target_kind', 'target_id'])
      .where('user_id', '=', userId)
      .execute();
    if (rows.length === 0) return NOTHING_MUTED;
    const tagIds = new Set<number>();
    for (const row of rows)
      if (row.target_kind === 'tag') for (const id of await filterTagIds(this.db, row.target_id)) tagIds.add(id);
    return {
      tagIds: [...tagIds].sort((a, b) => a - b),
      userIds: rows
        .filter((row) => row.target_kind === 'user')
        .map((row) => row.target_id)
        .sort((a, b) => a - b),
    };
  }

  async mutedTags(userId: number): Promise<MutedTag[]> {
    const rows = await this.db
      .selectFrom('mutes')
      .innerJoin('tags', 'tags.id', 'mutes.target_id')
      .select(['tags.id', 'tags.kind', 'tags.name', 'mutes.created_at'])
      .where('mutes.user_id', '=', userId)
      .where('mutes.target_kind', '=', 'tag')
      .orderBy('tags.name_key')
      .execute();
    return rows.map((row) => ({ id: row.id, kind: row.kind as TagKind, name: row.name, mutedAt: row.created_at }));
  }

  async mutedUsers(userId: number): Promise<MutedUser[]> {
    const rows = await this.db
      .selectFrom('mutes')
      .innerJoin('users', 'users.id', 'mutes.target_id')
      .select(['users.id', 'users.login', 'mutes.created_at'])
      .where('mutes.user_id', '=', userId)
      .where('mutes.target_kind', '=', 'user')
      .orderBy('users.login_key')
      .execute();
    return rows.map((row) => ({ id: row.id, login: row.login, mutedAt: row.created_at }));
  }
}
