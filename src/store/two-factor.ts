import { randomBytes } from 'node:crypto';
import { isUniqueViolation, now, type Db } from './database.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';

/** A member's two-factor record: on once confirmed. The secret stays encrypted here. */
export interface TwoFactorRecord {
  userId: number;
  encryptedSecret: string;
  createdAt: string;
  confirmedAt: string | null;
  lastStep: number | null;
}

/** Where the archive keeps the key that encrypts secrets and signs pending log-ins. */
const KEY_SETTING = 'two_factor_key';

/**
 * Two-factor secrets and recovery codes. Each use of a code is one conditional update, so two
 * requests at the same moment cannot both spend the same code or step.
 */
export class TwoFactorStore {
  constructor(private readonly db: Db) {}

  /** The archive's two-factor key (32 bytes), made once: the first process to store it wins. */
  async key(): Promise<Buffer> {
    const existing = await this.readKey();
    if (existing) return existing;
    await this.db
      .insertInto('site_settings')
      .values({ key: KEY_SETTING, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const made = await this.readKey();
    if (!made) throw new Error('the two-factor key could not be stored');
    return made;
  }

  private async readKey(): Promise<Buffer | undefined> {
    const row = await this.db
      .selectFrom('site_settings')
      .select('value')
      .where('key', '=', KEY_SETTING)
      .executeTakeFirst();
    return row ? Buffer.from(row.value, 'base64url') : undefined;
  }

  async find(userId: number): Promise<TwoFactorRecord | undefined> {
    const row = await this.db.selectFrom('two_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!row) return undefined;
    return {
      userId: row.user_id,
      encryptedSecret: row.secret,
      createdAt: row.created_at,
      confirmedAt: row.confirmed_at,
      lastStep: row.last_step === null ? null : Number(row.last_step),
    };
  }

  /** Whether the member has two-factor log-in on. */
  async isOn(userId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('two_factor')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Starts (or starts over) a setup with a new secret; false when two-factor is on already. */
  async startSetup(userId: number, encryptedSecret: string): Promise<boolean> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('two_factor').where('user_id', '=', userId).where('confirmed_at', 'is', null).execute();
        await tx
          .insertInto('two_factor')
          .values({ user_id: userId, secret: encryptedSecret, created_at: now(), confirmed_at: null, last_step: null })
          .execute();
        return true;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Turns two-factor on with the setup's secret, the step of the code that confirmed it (not
   * accepted again) and the recovery codes' hashes; false when no setup was waiting.
   */
  async confirm(userId: number, step: number, recoveryCodeHashes: readonly string[]): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const done = await tx
        .updateTable('two_factor')
        .set({ confirmed_at: now(), last_step: step })
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      await insertCodes(tx, userId, recoveryCodeHashes);
      return true;
    });
  }

  /** Spends a step of a confirmed secret: true only when no code of it, or of a later step, was used before. */
  async useStep(userId: number, step: number): Promise<boolean> {
    const done = await this.db
      .updateTable('two_factor')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** Spends an unused recovery code; true when there was one with this hash. */
  async useRecoveryCode(userId: number, codeHash: string): Promise<boolean> {
    const done = await this.db
      .updateTable('two_factor_recovery_codes')
      .set({ used_at: now() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

  /** How many of the member's recovery codes are unused. */
  async recoveryCodesLeft(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('two_factor_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Replaces every recovery code of the member with these. */
  async replaceRecoveryCodes(userId: number, codeHashes: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      await insertCodes(tx, userId, codeHashes);
    });
  }

  /** Turns two-factor off (and drops a setup in progress); true when it was on, and then `audit` is logged with it. */
  async turnOff(userId: number, audit?: AuditLines): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const wasOn = await tx
        .selectFrom('two_factor')
        .select('user_id')
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is not', null)
        .executeTakeFirst();
      await tx.deleteFrom('two_factor').where('user_id', '=', userId).execute();
      await tx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      if (wasOn) await insertAuditLines(tx, audit);
      return wasOn !== undefined;
    });
  }
}

async function insertCodes(db: Db, userId: number, codeHashes: readonly string[]): Promise<void> {
  if (codeHashes.length === 0) return;
  await db
    .insertInto('two_factor_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
    .execute();
}
