import { now, type Db } from './database.ts';

/** Roles beyond a plain member. Wranglers make tags canonical, merge synonyms and set parents. */
export const ROLES = ['wrangler'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export class RoleStore {
  constructor(private readonly db: Db) {}

  /** Grants a role; false if the user already had it. */
  async grant(userId: number, role: Role): Promise<boolean> {
    const result = await this.db
      .insertInto('user_roles')
      .values({ user_id: userId, role, granted_at: now() })
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Takes a role away; false if the user did not have it. */
  async revoke(userId: number, role: Role): Promise<boolean> {
    const result = await this.db
      .deleteFrom('user_roles')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async has(userId: number, role: Role): Promise<boolean> {
    const row = await this.db
      .selectFrom('user_roles')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .executeTakeFirst();
    return row !== undefined;
  }
}
