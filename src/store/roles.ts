import { now, type Db } from './database.ts';

/**
 * Roles beyond a plain member. Wranglers make tags canonical, merge synonyms and set parents;
 * moderators handle reports and hide or remove what breaks the archive's rules; admins do all a
 * moderator does and manage roles and the archive's settings.
 */
export const ROLES = ['wrangler', 'moderator', 'admin'] as const;
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

  /** Every role this account holds. */
  async of(userId: number): Promise<Role[]> {
    const rows = await this.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
    return rows.map((r) => r.role).filter(isRole);
  }

  /** Accounts holding a role, oldest grant first. */
  async holders(role: Role): Promise<{ userId: number; grantedAt: string }[]> {
    const rows = await this.db
      .selectFrom('user_roles')
      .select(['user_id', 'granted_at'])
      .where('role', '=', role)
      .orderBy('granted_at')
      .orderBy('user_id')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, grantedAt: r.granted_at }));
  }
}
