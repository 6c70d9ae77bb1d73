import { now, type Db, type Dialect } from './database.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';

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

/** Taking the admin role away would leave the archive with no admin. */
export class LastAdminError extends Error {
  constructor() {
    super('That is the archive’s only admin.');
    this.name = 'LastAdminError';
  }
}

export class RoleStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Grants a role; false if the user already had it. `audit` is logged with the grant (only when it happened). */
  async grant(userId: number, role: Role, audit?: AuditLines): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .insertInto('user_roles')
        .values({ user_id: userId, role, granted_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
        .executeTakeFirst();
      const granted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      if (granted) await insertAuditLines(tx, audit);
      return granted;
    });
  }

  /**
   * Takes a role away; false if the user did not have it. `audit` is logged with it (only when it
   * happened). Throws LastAdminError rather than take the admin role from the archive's last admin:
   * the admins are counted in the same transaction as the delete, with their rows locked on
   * PostgreSQL (SQLite runs one write transaction at a time), so two admins revoking each other at
   * the same moment leave one.
   */
  async revoke(userId: number, role: Role, audit?: AuditLines): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      if (role === 'admin') {
        const query = tx.selectFrom('user_roles').select('user_id').where('role', '=', 'admin').orderBy('user_id');
        const admins = await (this.dialect === 'postgres' ? query.forUpdate() : query).execute();
        if (admins.some((a) => a.user_id === userId) && admins.length <= 1) throw new LastAdminError();
      }
      const result = await tx
        .deleteFrom('user_roles')
        .where('user_id', '=', userId)
        .where('role', '=', role)
        .executeTakeFirst();
      const revoked = Number(result.numDeletedRows) > 0;
      if (revoked) await insertAuditLines(tx, audit);
      return revoked;
    });
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
